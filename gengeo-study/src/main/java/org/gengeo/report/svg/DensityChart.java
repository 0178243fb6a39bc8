package org.gengeo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A density curve with its filled area, e.g. the spectral density of a Hessian estimated by
 * stochastic Lanczos quadrature, or a histogram of samples.
 *
 * <pre>{@code
 * String svg = new DensityChart("Hessian spectral density", "eigenvalue", "density")
 *     .logY(true).curve(grid, density).toSvg(640, 400);
 * }</pre>
 *
 * <p>Curves are drawn through the points in the order given, each filled down to zero (linear
 * axis) or to the bottom of the axis (log axis). NaN and infinite values break the curve.
 *
 * <p>Log axis: densities are often exactly zero or underflow, so on a log axis every finite
 * value below the floor (including zero and negative values) is <em>clamped</em> to the floor,
 * never an error. The floor is {@link #floor(double)} if set, else 1e-6 times the largest finite
 * density of all curves.
 */
public final class DensityChart extends Chart<DensityChart> {
  private record Curve(String name, double[] x, double[] y) {
  }

  private final List<Curve> curves = new ArrayList<>();
  private double floor = Double.NaN;

  /**
   * @param title chart title (may be empty)
   * @param xLabel x axis title (may be empty)
   * @param yLabel y axis title (may be empty)
   */
  public DensityChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /**
   * Adds an unnamed curve (name "density"). The arrays are copied.
   *
   * @param grid x positions
   * @param density density at each position
   * @return this chart
   * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
   */
  public DensityChart curve(double[] grid, double[] density) {
    return curve("density", grid, density);
  }

  /**
   * Adds a named curve; with two or more curves a legend is drawn. The arrays are copied.
   *
   * @param name curve name
   * @param grid x positions
   * @param density density at each position
   * @return this chart
   * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
   */
  public DensityChart curve(String name, double[] grid, double[] density) {
    String n = name == null ? "" : name;
    checkPair("curve '" + n + "'", grid, density);
    curves.add(new Curve(n, grid.clone(), density.clone()));
    return this;
  }

  /**
   * Adds the histogram of {@code samples} as a step curve, normalised as a density (bar areas sum
   * to one). Bins are equal-width over the range of the finite samples; non-finite samples are
   * ignored.
   *
   * @param name curve name
   * @param samples the samples
   * @param bins number of bins, at least 1
   * @return this chart
   * @throws IllegalArgumentException if {@code samples} is null or empty or {@code bins < 1}
   */
  public DensityChart histogram(String name, double[] samples, int bins) {
    if (samples == null || samples.length == 0) {
      throw new IllegalArgumentException("histogram '" + name + "': no samples");
    }
    if (bins < 1) {
      throw new IllegalArgumentException("histogram '" + name + "': bins must be >= 1, got " + bins);
    }
    Range r = new Range(false).addAll(samples);
    if (r.isEmpty()) {
      return curve(name, new double[] {0}, new double[] {Double.NaN});
    }
    double lo = r.min;
    double hi = r.max;
    if (hi == lo) {
      lo -= 0.5;
      hi += 0.5;
    }
    double width = (hi - lo) / bins;
    long[] counts = new long[bins];
    long n = 0;
    for (double s : samples) {
      if (Range.usable(s)) {
        int b = (int) Math.min(bins - 1, Math.max(0, Math.floor((s - lo) / width)));
        counts[b]++;
        n++;
      }
    }
    double[] x = new double[2 * bins + 2];
    double[] y = new double[2 * bins + 2];
    x[0] = lo;
    y[0] = 0;
    for (int b = 0; b < bins; b++) {
      double d = counts[b] / (n * width);
      x[2 * b + 1] = lo + b * width;
      x[2 * b + 2] = b == bins - 1 ? hi : lo + (b + 1) * width;
      y[2 * b + 1] = d;
      y[2 * b + 2] = d;
    }
    x[2 * bins + 1] = hi;
    y[2 * bins + 1] = 0;
    return curve(name, x, y);
  }

  /**
   * Sets the floor of a log-y axis: values below it are drawn at it.
   *
   * @param value a positive finite floor
   * @return this chart
   * @throws IllegalArgumentException if {@code value} is not positive and finite
   */
  public DensityChart floor(double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException("log floor must be positive and finite, got " + value);
    }
    this.floor = value;
    return this;
  }

  @Override
  void validate() {
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("density chart '" + title + "' has no curve");
    }
  }

  /** The floor in effect on a log axis. */
  private double effectiveFloor() {
    if (!Double.isNaN(floor)) {
      return floor;
    }
    double max = 0;
    for (Curve c : curves) {
      for (int i = 0; i < c.y().length; i++) {
        if (Range.usable(c.x()[i]) && Range.usable(c.y()[i])) {
          max = Math.max(max, c.y()[i]);
        }
      }
    }
    return max > 0 ? max * 1e-6 : 1e-6;
  }

  private boolean drawable(Curve c, int i) {
    return Range.usable(c.x()[i]) && Range.usable(c.y()[i]);
  }

  /** The value as drawn: clamped to the floor on a log axis. */
  private double shown(double v, double fl) {
    return logY ? Math.max(v, fl) : v;
  }

  @Override
  boolean hasData() {
    for (Curve c : curves) {
      for (int i = 0; i < c.x().length; i++) {
        if (drawable(c, i)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  Axis xAxis(int target) {
    Range r = new Range(false);
    for (Curve c : curves) {
      for (int i = 0; i < c.x().length; i++) {
        if (drawable(c, i)) {
          r.add(c.x()[i]);
        }
      }
    }
    return Axis.nice(r, false, target);
  }

  @Override
  Axis yAxis(int target) {
    double fl = effectiveFloor();
    Range r = new Range(logY);
    for (Curve c : curves) {
      for (int i = 0; i < c.y().length; i++) {
        if (drawable(c, i)) {
          r.add(shown(c.y()[i], fl));
        }
      }
    }
    if (!logY && !r.isEmpty()) {
      r.add(0);
    }
    return Axis.nice(r, logY, target);
  }

  @Override
  void drawData(Svg svg, Frame f) {
    double fl = effectiveFloor();
    double base = logY ? f.bottom : f.y.mapClamped(0);
    for (int k = 0; k < curves.size(); k++) {
      Curve c = curves.get(k);
      String color = Palette.color(k);
      StringBuilder line = new StringBuilder();
      StringBuilder area = new StringBuilder();
      int n = c.x().length;
      int i = 0;
      while (i < n) {
        if (!drawable(c, i)) {
          i++;
          continue;
        }
        int start = i;
        while (i < n && drawable(c, i)) {
          i++;
        }
        double x0 = f.x.map(c.x()[start]);
        double x1 = f.x.map(c.x()[i - 1]);
        pathTo(area, true, x0, base);
        for (int j = start; j < i; j++) {
          double px = f.x.map(c.x()[j]);
          double py = f.y.map(shown(c.y()[j], fl));
          pathTo(line, j == start, px, py);
          pathTo(area, false, px, py);
        }
        pathTo(area, false, x1, base);
        area.append('Z');
        if (i - start == 1) {
          svg.element("circle", "cx", x0, "cy", f.y.map(shown(c.y()[start], fl)), "r", 2.5, "fill", color);
        }
      }
      svg.open("g", "class", "series");
      if (line.length() > 0) {
        svg.element("path", "d", area.toString(), "fill", color, "fill-opacity", curves.size() > 1 ? 0.18 : 0.28,
            "stroke", "none");
        svg.element("path", "d", line.toString(), "fill", "none", "stroke", color, "stroke-width", 1.6,
            "stroke-linejoin", "round", "stroke-dasharray", Palette.dash(k));
      }
      svg.close("g");
    }
  }

  @Override
  List<LegendEntry> legend() {
    if (curves.size() < 2) {
      return List.of();
    }
    List<LegendEntry> out = new ArrayList<>();
    for (int k = 0; k < curves.size(); k++) {
      out.add(new LegendEntry(curves.get(k).name(), Palette.color(k), Palette.dash(k), null, true, true));
    }
    return out;
  }
}
