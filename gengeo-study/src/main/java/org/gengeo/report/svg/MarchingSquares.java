package org.gengeo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Iso-lines of a function sampled on a rectangular grid, by marching squares (Lorensen and Cline,
 * "Marching cubes", SIGGRAPH 1987, in two dimensions).
 *
 * <p>Each grid cell is classified by which of its four corners have {@code z >= level}; where an
 * edge joins a corner above the level to one below, the crossing point is found by linear
 * interpolation along the edge. A cell with two crossings gives one segment; a saddle cell (four
 * crossings) is resolved with the mean of its corners, the value at the cell centre. Cells with
 * a non-finite corner are skipped, so missing values leave gaps rather than wrong lines.
 */
public final class MarchingSquares {
  private MarchingSquares() {
  }

  /**
   * A line segment in data coordinates.
   *
   * @param x1 first end, x
   * @param y1 first end, y
   * @param x2 second end, x
   * @param y2 second end, y
   */
  public record Segment(double x1, double y1, double x2, double y2) {
  }

  /**
   * The iso-line {@code z = level} as unordered segments.
   *
   * @param xs grid x coordinates (length nx)
   * @param ys grid y coordinates (length ny)
   * @param z values, {@code z[iy][ix]} at {@code (xs[ix], ys[iy])}
   * @param level the level
   * @return the segments, in cell order (row by row); empty if the level is not crossed
   * @throws IllegalArgumentException if the shapes do not match
   */
  public static List<Segment> isoline(double[] xs, double[] ys, double[][] z, double level) {
    if (z.length != ys.length) {
      throw new IllegalArgumentException("z has " + z.length + " rows but there are " + ys.length + " y values");
    }
    List<Segment> out = new ArrayList<>();
    double[] px = new double[4];
    double[] py = new double[4];
    for (int i = 0; i + 1 < ys.length; i++) {
      if (z[i].length != xs.length || z[i + 1].length != xs.length) {
        throw new IllegalArgumentException("every row of z must have " + xs.length + " values");
      }
      for (int j = 0; j + 1 < xs.length; j++) {
        // corners counter-clockwise: a (x0,y0), b (x1,y0), c (x1,y1), d (x0,y1)
        double a = z[i][j];
        double b = z[i][j + 1];
        double c = z[i + 1][j + 1];
        double d = z[i + 1][j];
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d))) {
          continue;
        }
        double x0 = xs[j];
        double x1 = xs[j + 1];
        double y0 = ys[i];
        double y1 = ys[i + 1];
        // edges: 0 bottom a-b, 1 right b-c, 2 top d-c, 3 left a-d
        boolean[] crossed = new boolean[4];
        int count = 0;
        if ((a >= level) != (b >= level)) {
          px[0] = lerp(x0, x1, a, b, level);
          py[0] = y0;
          crossed[0] = true;
          count++;
        }
        if ((b >= level) != (c >= level)) {
          px[1] = x1;
          py[1] = lerp(y0, y1, b, c, level);
          crossed[1] = true;
          count++;
        }
        if ((d >= level) != (c >= level)) {
          px[2] = lerp(x0, x1, d, c, level);
          py[2] = y1;
          crossed[2] = true;
          count++;
        }
        if ((a >= level) != (d >= level)) {
          px[3] = x0;
          py[3] = lerp(y0, y1, a, d, level);
          crossed[3] = true;
          count++;
        }
        if (count == 2) {
          int e1 = -1;
          int e2 = -1;
          for (int e = 0; e < 4; e++) {
            if (crossed[e]) {
              if (e1 < 0) {
                e1 = e;
              } else {
                e2 = e;
              }
            }
          }
          out.add(new Segment(px[e1], py[e1], px[e2], py[e2]));
        } else if (count == 4) {
          boolean centre = (a + b + c + d) / 4 >= level;
          if (centre == (a >= level)) {
            // a and c are joined through the centre: cut off corners b and d
            out.add(new Segment(px[0], py[0], px[1], py[1]));
            out.add(new Segment(px[2], py[2], px[3], py[3]));
          } else {
            // b and d are joined: cut off corners a and c
            out.add(new Segment(px[0], py[0], px[3], py[3]));
            out.add(new Segment(px[1], py[1], px[2], py[2]));
          }
        }
      }
    }
    return out;
  }

  /** The point between p0 and p1 where the linear interpolant of (v0, v1) equals level. */
  private static double lerp(double p0, double p1, double v0, double v1, double level) {
    double t = (level - v0) / (v1 - v0);
    return p0 + t * (p1 - p0);
  }
}
