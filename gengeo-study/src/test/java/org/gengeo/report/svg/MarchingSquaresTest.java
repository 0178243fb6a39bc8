package org.gengeo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarchingSquaresTest {

  @Test
  void circlesOfTheParaboloidLieAtTheRightRadius() {
    int n = 41;
    double[] xs = ChartsTest.lin(-1, 1, n);
    double[] ys = ChartsTest.lin(-1.2, 1.2, n + 6);
    double[][] z = ChartsTest.bowl(xs, ys);
    double h = 2.0 / (n - 1);
    for (double r : new double[] {0.23, 0.51, 0.87}) {
      List<MarchingSquares.Segment> segs = MarchingSquares.isoline(xs, ys, z, r * r);
      assertTrue(segs.size() > 8, "segments at r=" + r);
      int[] quadrant = new int[4];
      Map<String, Integer> ends = new HashMap<>();
      for (MarchingSquares.Segment s : segs) {
        for (double[] p : new double[][] {{s.x1(), s.y1()}, {s.x2(), s.y2()}}) {
          double rr = Math.hypot(p[0], p[1]);
          // linear interpolation of z = x^2 + y^2 along an edge errs by at most h^2/4 in z
          assertEquals(r, rr, h * h / (4 * r) + 1e-12, "point " + p[0] + "," + p[1]);
          quadrant[(p[0] >= 0 ? 0 : 1) + (p[1] >= 0 ? 0 : 2)]++;
          ends.merge(String.format(java.util.Locale.ROOT, "%.9f,%.9f", p[0], p[1]), 1, Integer::sum);
        }
      }
      for (int q : quadrant) {
        assertTrue(q > 0, "the circle passes through every quadrant");
      }
      // a closed curve: every end point is shared by exactly two segments
      for (Map.Entry<String, Integer> e : ends.entrySet()) {
        assertEquals(2, e.getValue(), "open end at " + e.getKey());
      }
      // the polygon's length approximates the circumference
      double len = segs.stream().mapToDouble(s -> Math.hypot(s.x2() - s.x1(), s.y2() - s.y1())).sum();
      assertEquals(2 * Math.PI * r, len, 2 * Math.PI * r * 0.02);
    }
  }

  @Test
  void levelOutsideTheRangeGivesNothingAndNanCellsAreSkipped() {
    double[] xs = {0, 1, 2};
    double[] ys = {0, 1};
    assertTrue(MarchingSquares.isoline(xs, ys, new double[][] {{0, 1, 2}, {1, 2, 3}}, 10).isEmpty());
    List<MarchingSquares.Segment> s = MarchingSquares.isoline(xs, ys,
        new double[][] {{0, 1, Double.NaN}, {1, 2, 3}}, 1.5);
    assertEquals(1, s.size());
  }

  @Test
  void saddleIsResolvedByTheCentre() {
    double[] xs = {0, 1};
    double[] ys = {0, 1};
    // corners a (0,0) = 1, b (1,0) = 0, c (1,1) = 1, d (0,1) = 0; centre 0.5
    List<MarchingSquares.Segment> high = MarchingSquares.isoline(xs, ys, new double[][] {{1, 0}, {0, 1}}, 0.4);
    List<MarchingSquares.Segment> low = MarchingSquares.isoline(xs, ys, new double[][] {{1, 0}, {0, 1}}, 0.6);
    assertEquals(2, high.size());
    assertEquals(2, low.size());
    // level 0.4: centre above, a and c connected, segments cut off b (near (1,0)) and d
    MarchingSquares.Segment first = high.get(0);
    assertTrue((first.x1() + first.x2()) / 2 > 0.5 && (first.y1() + first.y2()) / 2 < 0.5, first.toString());
    // level 0.6: centre below, segments cut off a (near (0,0)) and c
    MarchingSquares.Segment lowFirst = low.get(0);
    assertTrue((lowFirst.x1() + lowFirst.x2()) / 2 < 0.5 && (lowFirst.y1() + lowFirst.y2()) / 2 < 0.5, lowFirst.toString());
  }
}
