package org.gengeo.report.svg;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick positions in the 1-2-5 style (Heckbert, "Nice numbers for graph labels", Graphics Gems,
 * 1990).
 *
 * <p>Linear: the step is {@code m * 10^e} with {@code m} in {1, 2, 5}, the smallest such step
 * giving at most about {@code target} intervals over the range; ticks are the multiples of the
 * step from the largest one at or below {@code min} to the smallest one at or above {@code max},
 * so they always cover the range. Tick values are exact decimals ({@code 0.3}, not
 * {@code 0.30000000000000004}).
 *
 * <p>Log: ticks at the mantissas 1, 2 and 5 of every decade when that gives at most about
 * {@code target} ticks; otherwise powers of ten, every {@code k}-th decade with {@code k} itself a
 * 1-2-5 number; when the range is so narrow that fewer than three 1-2-5 ticks fall in it,
 * linear ticks.
 *
 * <p>Ranges must be finite; log ranges should lie within [1e-300, 1e300] (charts skip values
 * outside it), so that every tick is a normal double.
 */
public final class NiceTicks {
  private NiceTicks() {
  }

  /**
   * A set of ticks.
   *
   * @param values tick positions, ascending; the first is at or below the range's minimum and the
   *     last at or above its maximum
   * @param step the linear step ({@code m * 10^e}, m in {1,2,5}), or NaN for log decade ticks
   * @param labels compact labels, one per value
   * @param log whether these are log-scale ticks
   */
  public record Ticks(double[] values, double step, String[] labels, boolean log) {
    /** @return the first tick (the nice lower end of the covered range) */
    public double lo() {
      return values[0];
    }

    /** @return the last tick (the nice upper end of the covered range) */
    public double hi() {
      return values[values.length - 1];
    }
  }

  /**
   * Linear 1-2-5 ticks covering [min, max].
   *
   * @param min lower end, finite
   * @param max upper end, finite, {@code >= min} (equal ends are widened by 10% of the value, or
   *     by 1 around zero)
   * @param target the desired number of intervals, at least 1 (the result has between
   *     {@code target/2.5} and {@code target} intervals, roughly)
   * @return the ticks
   */
  public static Ticks linear(double min, double max, int target) {
    checkRange(min, max);
    if (target < 1) {
      throw new IllegalArgumentException("target must be >= 1, got " + target);
    }
    double[] r = widen(min, max);
    double lo = r[0];
    double hi = r[1];
    double raw = hi / target - lo / target; // no overflow near Double.MAX_VALUE
    int e = (int) Math.floor(Math.log10(raw));
    double norm = raw / Math.pow(10, e);
    int m;
    if (norm <= 1.0 + 1e-9) {
      m = 1;
    } else if (norm <= 2.0 + 1e-9) {
      m = 2;
    } else if (norm <= 5.0 + 1e-9) {
      m = 5;
    } else {
      m = 1;
      e += 1;
    }
    double step = exact(m, e);
    long k0 = (long) Math.floor(lo / step + 1e-9);
    long k1 = (long) Math.ceil(hi / step - 1e-9);
    if (exact(k0 * m, e) > lo) {
      k0--;
    }
    if (exact(k1 * m, e) < hi) {
      k1++;
    }
    int n = (int) (k1 - k0 + 1);
    double[] values = new double[n];
    BigDecimal[] dec = new BigDecimal[n];
    for (int i = 0; i < n; i++) {
      dec[i] = BigDecimal.valueOf((k0 + i) * m).scaleByPowerOfTen(e);
      values[i] = dec[i].doubleValue();
    }
    return new Ticks(values, step, Numbers.axisLabels(dec), false);
  }

  /**
   * Log-scale ticks covering [min, max], both positive.
   *
   * @param min lower end, positive and finite
   * @param max upper end, finite, {@code >= min}
   * @param target the desired number of intervals, at least 1
   * @return the ticks; labels use {@link Numbers#compact(double)} style
   * @throws IllegalArgumentException if {@code min <= 0}
   */
  public static Ticks log(double min, double max, int target) {
    checkRange(min, max);
    if (!(min > 0)) {
      throw new IllegalArgumentException("log ticks need a positive range, got [" + min + ", " + max + "]");
    }
    if (target < 1) {
      throw new IllegalArgumentException("target must be >= 1, got " + target);
    }
    if (max == min) {
      min = min / 2;
      max = max * 2;
    }
    int e0 = (int) Math.floor(Math.log10(min) + 1e-12);
    int e1 = (int) Math.ceil(Math.log10(max) - 1e-12);
    if (exact(1, e0) > min) {
      e0--;
    }
    if (exact(1, e1) < max) {
      e1++;
    }
    int decades = e1 - e0;
    List<BigDecimal> ticks = new ArrayList<>();
    if (3 * Math.log10(max / min) > target + 1) { // 1, 2, 5 in every decade would be too many
      int k = niceAtLeast((double) decades / target);
      int a = Math.floorDiv(e0, k) * k;
      int b = -Math.floorDiv(-e1, k) * k;
      if (a < -300 || b > 300) {
        // aligned ends would leave the double range: start at the first decade, end at the last
        for (int e = e0; e < e1; e += k) {
          ticks.add(BigDecimal.ONE.scaleByPowerOfTen(e));
        }
        ticks.add(BigDecimal.ONE.scaleByPowerOfTen(e1));
      } else {
        for (int e = a; e <= b; e += k) {
          ticks.add(BigDecimal.ONE.scaleByPowerOfTen(e));
        }
      }
    } else {
      int[] mant = {1, 2, 5};
      BigDecimal below = null;
      BigDecimal above = null;
      for (int e = e0; e <= e1; e++) {
        for (int m : mant) {
          BigDecimal t = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
          double v = t.doubleValue();
          if (v <= min) {
            below = t;
          } else if (v < max) {
            if (below != null && ticks.isEmpty()) {
              ticks.add(below);
            }
            ticks.add(t);
          } else if (above == null) {
            above = t;
          }
        }
      }
      if (ticks.isEmpty() && below != null) {
        ticks.add(below);
      }
      if (above != null) {
        ticks.add(above);
      }
      if (ticks.size() < 3) {
        Ticks lin = linear(min, max, Math.max(2, Math.min(target, 5)));
        if (lin.lo() > 0) {
          return new Ticks(lin.values(), lin.step(), lin.labels(), true);
        }
      }
    }
    double[] values = new double[ticks.size()];
    String[] labels = new String[ticks.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ticks.get(i).doubleValue();
      labels[i] = Numbers.compact(ticks.get(i));
    }
    return new Ticks(values, Double.NaN, labels, true);
  }

  /** The smallest 1-2-5 integer at least {@code x} (and at least 1). */
  static int niceAtLeast(double x) {
    int p = 1;
    while (true) {
      for (int m : new int[] {1, 2, 5}) {
        if (m * p >= x - 1e-9) {
          return m * p;
        }
      }
      p *= 10;
    }
  }

  /** {@code m * 10^e} as the double nearest to the exact decimal. */
  static double exact(long m, int e) {
    return BigDecimal.valueOf(m).scaleByPowerOfTen(e).doubleValue();
  }

  private static void checkRange(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("tick range must be finite with min <= max, got [" + min + ", " + max + "]");
    }
  }

  /** Widens an empty or numerically degenerate range so that a step can be found. */
  static double[] widen(double lo, double hi) {
    double mag = Math.max(Math.abs(lo), Math.abs(hi));
    if (hi - lo <= mag * 1e-12 || hi - lo < 1e-300) {
      double c = lo / 2 + hi / 2;
      double d = Math.abs(c) > 1e-290 ? Math.abs(c) * 0.1 : 1.0;
      return new double[] {c - d, c + d};
    }
    return new double[] {lo, hi};
  }
}
