package org.gengeo.report.svg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NiceTicksTest {

  @Test
  void unitIntervalGivesTenthsOrFifths() {
    NiceTicks.Ticks t = NiceTicks.linear(0, 1, 5);
    assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.values(), 0);
    assertArrayEquals(new String[] {"0", "0.2", "0.4", "0.6", "0.8", "1"}, t.labels());
  }

  @Test
  void tickValuesAreExactDecimals() {
    NiceTicks.Ticks t = NiceTicks.linear(0.1, 0.7, 6);
    for (int i = 0; i < t.values().length; i++) {
      double v = t.values()[i];
      assertEquals(Double.parseDouble(t.labels()[i]), v, 0, "tick " + v + " label " + t.labels()[i]);
    }
    assertTrue(java.util.Arrays.asList(t.labels()).contains("0.3"));
  }

  @Test
  void largeAndSmallLabelsAreCompact() {
    assertArrayEquals(new String[] {"0", "5k", "10k", "15k", "20k"}, NiceTicks.linear(0, 20000, 4).labels());
    assertArrayEquals(new String[] {"0", "2e-4", "4e-4", "6e-4"}, NiceTicks.linear(0, 6e-4, 3).labels());
    assertArrayEquals(new String[] {"-1", "-0.5", "0", "0.5", "1"}, NiceTicks.linear(-0.9, 0.9, 4).labels());
  }

  @Test
  void logDecades() {
    NiceTicks.Ticks t = NiceTicks.log(3e-5, 2.0, 8);
    assertArrayEquals(new double[] {1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10}, t.values(), 0);
    assertArrayEquals(new String[] {"1e-5", "1e-4", "0.001", "0.01", "0.1", "1", "10"}, t.labels());
    NiceTicks.Ticks wide = NiceTicks.log(1e-40, 1e40, 8);
    assertEquals(1e-40, wide.lo(), 0);
    assertEquals(1e40, wide.hi(), 0);
    assertTrue(wide.values().length <= 9, "80 decades in steps of 10: " + wide.values().length);
    assertArrayEquals(new double[] {1, 2, 5, 10, 20}, NiceTicks.log(1.5, 12, 6).values(), 0);
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.log(-1, 10, 5));
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.log(0, 10, 5));
  }

  @Test
  void degenerateAndBadRanges() {
    NiceTicks.Ticks t = NiceTicks.linear(3, 3, 5);
    assertTrue(t.lo() < 3 && t.hi() > 3);
    NiceTicks.Ticks z = NiceTicks.linear(0, 0, 5);
    assertTrue(z.lo() < 0 && z.hi() > 0);
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.linear(Double.NaN, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.linear(2, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.linear(0, Double.POSITIVE_INFINITY, 5));
  }

  /** Property: steps are 1, 2 or 5 times a power of ten, ticks are multiples of it and cover. */
  @Test
  void linearPropertyOverRandomRanges() {
    Random rnd = new Random(42);
    for (int trial = 0; trial < 20000; trial++) {
      double mag = Math.pow(10, -12 + 24 * rnd.nextDouble());
      double a = (rnd.nextDouble() * 2 - 1) * mag;
      double width = mag * Math.pow(10, -6 * rnd.nextDouble()) * rnd.nextDouble();
      double lo = rnd.nextInt(10) == 0 ? 0 : a;
      double hi = lo + width;
      int target = 1 + rnd.nextInt(12);
      NiceTicks.Ticks t = NiceTicks.linear(lo, hi, target);
      double[] v = t.values();
      String ctx = "[" + lo + ", " + hi + "] target " + target + " -> step " + t.step();
      double step = t.step();
      double e = Math.floor(Math.log10(step) + 1e-12);
      double m = step / Math.pow(10, e);
      assertTrue(Math.abs(m - 1) < 1e-9 || Math.abs(m - 2) < 1e-9 || Math.abs(m - 5) < 1e-9, "mantissa " + m + " " + ctx);
      assertTrue(v[0] <= lo, "first tick above min: " + ctx);
      assertTrue(v[v.length - 1] >= hi, "last tick below max: " + ctx);
      assertTrue(v.length >= 2 && v.length <= target + 3, "tick count " + v.length + " " + ctx);
      for (int i = 0; i < v.length; i++) {
        double k = v[i] / step;
        assertEquals(Math.rint(k), k, Math.max(1e-6, Math.abs(k) * 1e-12), "tick not a multiple of step: " + ctx);
        if (i > 0) {
          assertEquals(step, v[i] - v[i - 1], step * 1e-6 + Math.abs(v[i]) * 1e-14, ctx);
        }
      }
      // tight: one step less on either side would no longer cover
      assertTrue(v[0] + step > lo || v.length == 2, "not tight at the bottom: " + ctx);
      assertTrue(v[v.length - 1] - step < hi || v.length == 2, "not tight at the top: " + ctx);
      assertEquals(v.length, t.labels().length);
    }
  }

  @Test
  void logPropertyOverRandomRanges() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 5000; trial++) {
      double lo = Math.pow(10, -30 + 60 * rnd.nextDouble());
      double hi = lo * Math.pow(10, 12 * rnd.nextDouble());
      int target = 2 + rnd.nextInt(10);
      NiceTicks.Ticks t = NiceTicks.log(lo, hi, target);
      double[] v = t.values();
      String ctx = "[" + lo + ", " + hi + "] target " + target;
      assertTrue(v[0] > 0, ctx);
      assertTrue(v[0] <= lo * (1 + 1e-12), "first tick above min: " + ctx);
      assertTrue(v[v.length - 1] >= hi * (1 - 1e-12), "last tick below max: " + ctx);
      assertTrue(v.length >= 2 && v.length <= 2 * target + 4, "tick count " + v.length + " " + ctx);
      for (int i = 0; i < v.length; i++) {
        double e = Math.floor(Math.log10(v[i]) + 1e-9);
        double m = v[i] / Math.pow(10, e);
        boolean oneTwoFive = Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
        assertTrue(oneTwoFive || !Double.isNaN(t.step()), "log tick " + v[i] + " " + ctx);
        if (i > 0) {
          assertTrue(v[i] > v[i - 1], ctx);
        }
      }
    }
  }
}
