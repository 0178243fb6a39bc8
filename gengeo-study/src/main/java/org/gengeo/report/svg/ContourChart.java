package org.gengeo.report.svg;

import java.util.List;

/**
 * Heat map with contour lines of a function on a 2-D grid, e.g. a slice of a loss landscape
 * along two directions in parameter space, with a colour bar.
 *
 * <pre>{@code
 * String svg = new ContourChart("Loss landscape", "direction 1", "direction 2")
 *     .grid(alphas, betas, loss).logZ(true).zLabel("train loss").levels(8)
 *     .mark(0, 0, "trained").toSvg(560, 460);
 * }</pre>
 *
 * <p>Each sample {@code z[iy][ix]} colours the cell around {@code (xs[ix], ys[iy])} (cell edges
 * half-way between neighbouring samples) with the viridis colour map ({@link Palette#viridis}),
 * scaled from the smallest to the largest finite value. Non-finite values are shown in light
 * grey and leave gaps in the contour lines. Contour lines ({@link MarchingSquares}) are drawn at
 * {@code k} levels equally spaced strictly inside the value range (default 8), or at given
 * levels, and marked on the colour bar.
 *
 * <p>With {@link #logZ(boolean)}, colours and levels are equally spaced in log10(z) and the
 * colour bar is logarithmic; a finite {@code z <= 0} then makes {@code toSvg} throw
 * {@link IllegalArgumentException}. {@link #logY(boolean)} puts the grid's y coordinates on a
 * log axis (they must then be positive).
 */
public final class ContourChart extends Chart<ContourChart> {
  private static final double BAR_GAP = 18;
  private static final double BAR_WIDTH = 14;

  private double[] xs;
  private double[] ys;
  private double[][] z;
  private int levelCount = 8;
  private double[] levelValues;
  private boolean logZ;
  private String zLabel = "";
  private double markX = Double.NaN;
  private double markY = Double.NaN;
  private String markLabel = "";

  /**
   * @param title chart title (may be empty)
   * @param xLabel x axis title (may be empty)
   * @param yLabel y axis title (may be empty)
   */
  public ContourChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /**
   * Sets the grid. Arrays are copied.
   *
   * @param xs x coordinates, finite and strictly increasing (length nx, at least 1)
   * @param ys y coordinates, finite and strictly increasing (length ny, at least 1)
   * @param z values, {@code z[iy][ix]}: ny rows of nx values
   * @return this chart
   * @throws IllegalArgumentException if a coordinate array is empty, not finite or not strictly
   *     increasing, or {@code z} does not have shape ny x nx
   */
  public ContourChart grid(double[] xs, double[] ys, double[][] z) {
    checkAxis("x", xs);
    checkAxis("y", ys);
    if (z == null || z.length != ys.length) {
      throw new IllegalArgumentException("contour chart '" + title + "': z must have " + ys.length
          + " rows (one per y), got " + (z == null ? "null" : z.length));
    }
    double[][] copy = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      if (z[i] == null || z[i].length != xs.length) {
        throw new IllegalArgumentException("contour chart '" + title + "': z[" + i + "] must have "
            + xs.length + " values (one per x), got " + (z[i] == null ? "null" : z[i].length));
      }
      copy[i] = z[i].clone();
    }
    this.xs = xs.clone();
    this.ys = ys.clone();
    this.z = copy;
    return this;
  }

  private void checkAxis(String name, double[] v) {
    if (v == null || v.length == 0) {
      throw new IllegalArgumentException("contour chart '" + title + "': no " + name + " coordinates");
    }
    for (int i = 0; i < v.length; i++) {
      if (!Range.usable(v[i])) {
        throw new IllegalArgumentException("contour chart '" + title + "': " + name + "[" + i + "] = " + v[i]
            + " is not finite");
      }
      if (i > 0 && !(v[i] > v[i - 1])) {
        throw new IllegalArgumentException("contour chart '" + title + "': " + name
            + " coordinates must be strictly increasing, but " + name + "[" + i + "] = " + v[i]
            + " follows " + v[i - 1]);
      }
    }
  }

  /**
   * Draws {@code k} contour levels equally spaced strictly between the smallest and the largest
   * value (in log10 space with {@link #logZ(boolean)}).
   *
   * @param k number of levels, 0 for none
   * @return this chart
   */
  public ContourChart levels(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("number of contour levels must be >= 0, got " + k);
    }
    this.levelCount = k;
    this.levelValues = null;
    return this;
  }

  /**
   * Draws contour lines at the given values (in z units, not log10, even with logZ).
   *
   * @param values the levels; non-finite ones are ignored
   * @return this chart
   */
  public ContourChart levels(double... values) {
    this.levelValues = values.clone();
    return this;
  }

  /**
   * Colours and levels on a log scale of z.
   *
   * @param on true for log z
   * @return this chart
   */
  public ContourChart logZ(boolean on) {
    this.logZ = on;
    return this;
  }

  /**
   * Title of the colour bar, e.g. "train loss".
   *
   * @param label the title; null or empty for none
   * @return this chart
   */
  public ContourChart zLabel(String label) {
    this.zLabel = label == null ? "" : label;
    return this;
  }

  /**
   * Marks one point, e.g. the trained solution at the origin of the slice.
   *
   * @param x x coordinate
   * @param y y coordinate
   * @param label text next to the mark (may be empty)
   * @return this chart
   */
  public ContourChart mark(double x, double y, String label) {
    this.markX = x;
    this.markY = y;
    this.markLabel = label == null ? "" : label;
    return this;
  }

  @Override
  void validate() {
    if (z == null) {
      throw new IllegalArgumentException("contour chart '" + title + "' has no grid");
    }
    if (logY) {
      checkPositive("contour chart '" + title + "'", "y", ys);
    }
    if (logZ) {
      for (int i = 0; i < z.length; i++) {
        for (int j = 0; j < z[i].length; j++) {
          if (Range.usable(z[i][j]) && z[i][j] <= 0) {
            throw new IllegalArgumentException("contour chart '" + title + "': z[" + i + "][" + j + "] = "
                + z[i][j] + " is not positive, which a log-z colour scale cannot show");
          }
        }
      }
    }
  }

  private Range zRange() {
    Range r = new Range(logZ);
    for (double[] row : z) {
      r.addAll(row);
    }
    return r;
  }

  @Override
  boolean hasData() {
    return !zRange().isEmpty();
  }

  @Override
  Axis xAxis(int target) {
    return Axis.exact(new Range(false).addAll(xs), false, target);
  }

  @Override
  Axis yAxis(int target) {
    return Axis.exact(new Range(logY).addAll(ys), logY, target);
  }

  private Axis zAxis(int target) {
    return Axis.exact(zRange(), logZ, target);
  }

  @Override
  double reserveRight() {
    double labels = zAxis(6).maxLabelWidth(Frame.FONT_TICK);
    return BAR_GAP + BAR_WIDTH + Axis.TICK + Axis.GAP + labels + 6 + (zLabel.isEmpty() ? 0 : Frame.FONT_AXIS + 8);
  }

  /** z in colour space: z itself, or log10(z); NaN when not drawable. */
  private double t(double v) {
    if (!Range.usable(v, logZ)) {
      return Double.NaN;
    }
    return logZ ? Math.log10(v) : v;
  }

  /** Cell edges: half-way between samples, clamped to the axis domain. */
  private static double[] edges(double[] c, double lo, double hi) {
    double[] e = new double[c.length + 1];
    e[0] = lo;
    e[c.length] = hi;
    for (int i = 1; i < c.length; i++) {
      e[i] = c[i - 1] / 2 + c[i] / 2;
    }
    return e;
  }

  /** The contour levels in colour space (z or log10 z). */
  private double[] levelsT(double t0, double t1) {
    if (levelValues != null) {
      return java.util.Arrays.stream(levelValues).map(this::t).filter(Double::isFinite).toArray();
    }
    double[] out = new double[t1 > t0 ? levelCount : 0];
    for (int i = 0; i < out.length; i++) {
      out[i] = t0 + (i + 1) * (t1 - t0) / (levelCount + 1);
    }
    return out;
  }

  @Override
  void drawData(Svg svg, Frame f) {
    Range zr = zRange();
    double t0 = t(zr.min);
    double t1 = t(zr.max);
    double[][] tz = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      tz[i] = new double[z[i].length];
      for (int j = 0; j < z[i].length; j++) {
        tz[i][j] = t(z[i][j]);
      }
    }
    double[] ex = edges(xs, f.xAxis.lo, f.xAxis.hi);
    double[] ey = edges(ys, f.yAxis.lo, f.yAxis.hi);
    svg.open("g", "class", "heatmap", "shape-rendering", "crispEdges");
    for (int i = 0; i < ys.length; i++) {
      double yTop = f.y.map(ey[i + 1]);
      double yBot = f.y.map(ey[i]);
      for (int j = 0; j < xs.length; j++) {
        double xl = f.x.map(ex[j]);
        double xr = f.x.map(ex[j + 1]);
        double u = t1 > t0 ? (tz[i][j] - t0) / (t1 - t0) : 0.5;
        svg.element("rect", "x", xl, "y", yTop, "width", xr - xl, "height", yBot - yTop,
            "fill", Palette.viridis(u));
      }
    }
    svg.close("g");
    double[] levels = levelsT(t0, t1);
    if (levels.length > 0) {
      svg.open("g", "class", "contours", "fill", "none", "stroke-linejoin", "round");
      for (double level : levels) {
        List<MarchingSquares.Segment> segs = MarchingSquares.isoline(xs, ys, tz, level);
        if (segs.isEmpty()) {
          continue;
        }
        StringBuilder d = new StringBuilder();
        for (MarchingSquares.Segment s : segs) {
          pathTo(d, true, f.x.map(s.x1()), f.y.map(s.y1()));
          pathTo(d, false, f.x.map(s.x2()), f.y.map(s.y2()));
        }
        String path = d.toString();
        String value = Numbers.compact(logZ ? Math.pow(10, level) : level);
        svg.open("g", "class", "contour", "data-level", value);
        svg.element("path", "d", path, "stroke", "#FFFFFF", "stroke-opacity", 0.55, "stroke-width", 2.2);
        svg.element("path", "d", path, "stroke", "#1A1A1A", "stroke-width", 0.9);
        svg.close("g");
      }
      svg.close("g");
    }
    if (Range.usable(markX) && Range.usable(markY, logY)) {
      double mx = f.x.map(markX);
      double my = f.y.map(markY);
      svg.open("g", "class", "mark");
      svg.element("circle", "cx", mx, "cy", my, "r", 4.5, "fill", "#FFFFFF", "stroke", "#000000", "stroke-width", 1.5);
      svg.element("circle", "cx", mx, "cy", my, "r", 1.5, "fill", "#000000");
      if (!markLabel.isEmpty()) {
        svg.text(mx + 7, my - 6, markLabel, "font-size", Frame.FONT_LEGEND, "fill", "#000000",
            "stroke", "#FFFFFF", "stroke-width", 3, "paint-order", "stroke");
      }
      svg.close("g");
    }
  }

  @Override
  void drawExtras(Svg svg, Frame f) {
    if (!hasData()) {
      return;
    }
    double x0 = f.reserveLeft + BAR_GAP;
    double x1 = x0 + BAR_WIDTH;
    Axis za = zAxis(Math.max(2, Math.min(10, (int) Math.round((f.bottom - f.top) / 45))));
    int steps = 64;
    svg.open("g", "class", "colorbar");
    svg.open("g", "shape-rendering", "crispEdges");
    double h = (f.bottom - f.top) / steps;
    for (int s = 0; s < steps; s++) {
      double u = (s + 0.5) / steps;
      svg.element("rect", "x", x0, "y", f.bottom - (s + 1) * h, "width", BAR_WIDTH, "height", h + 0.5,
          "fill", Palette.viridis(u));
    }
    svg.close("g");
    Range zr = zRange();
    double t0 = t(zr.min);
    double t1 = t(zr.max);
    double[] levels = levelsT(t0, t1);
    Scale zs = za.scale(f.bottom, f.top);
    StringBuilder d = new StringBuilder();
    for (double level : levels) {
      double v = logZ ? Math.pow(10, level) : level;
      if (zs.contains(v)) {
        double p = zs.map(v);
        pathTo(d, true, x0, p);
        pathTo(d, false, x1, p);
      }
    }
    if (d.length() > 0) {
      svg.element("path", "d", d.toString(), "stroke", "#1A1A1A", "stroke-width", 0.9, "fill", "none");
    }
    svg.element("rect", "x", x0, "y", f.top, "width", BAR_WIDTH, "height", f.bottom - f.top,
        "fill", "none", "stroke", "#444444", "stroke-width", 1);
    za.draw(svg, Axis.Side.RIGHT, x0, f.top, x1, f.bottom, zLabel,
        za.maxLabelWidth(Frame.FONT_TICK) + Axis.TICK + Axis.GAP + 10);
    svg.close("g");
  }
}
