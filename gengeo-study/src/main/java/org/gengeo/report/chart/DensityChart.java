package org.gengeo.report.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Density curves with their filled area, e.g. the spectral density of a Hessian estimated by
 * stochastic Lanczos quadrature, or the histograms of two samples.
 *
 * <p>On a log axis every finite density below the floor (zero and negative ones included) is
 * clamped to it, since densities are often exactly zero or underflow: the floor is
 * {@link #floor(double)} if set, else 1e-6 times the largest finite density of all curves.
 */
public final class DensityChart extends Chart<DensityChart> {
  private record Curve(String name, double[] x, double[] y, boolean steps) {}

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

  /** Adds a curve named "density". */
  public DensityChart curve(double[] grid, double[] density) {
    return curve("density", grid, density);
  }

  /** Adds a named curve: {@code density[i]} at {@code grid[i]}. The arrays are copied. */
  public DensityChart curve(String name, double[] grid, double[] density) {
    String n = name == null ? "" : name;
    checkPair("curve '" + n + "'", grid, density);
    curves.add(new Curve(n, grid.clone(), density.clone(), false));
    return this;
  }

  /**
   * Adds the histogram of {@code samples}, normalised as a density (bar areas sum to one), drawn as
   * steps. Bins are equal-width over the range of the finite samples; other samples are ignored.
   *
   * @throws IllegalArgumentException if {@code samples} is null or empty or {@code bins < 1}
   */
  public DensityChart histogram(String name, double[] samples, int bins) {
    if (samples == null || samples.length == 0) {
      throw new IllegalArgumentException("histogram '" + name + "': no samples");
    }
    if (bins < 1) {
      throw new IllegalArgumentException("histogram '" + name + "': bins must be >= 1, got " + bins);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double s : samples) {
      if (Double.isFinite(s)) {
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
      }
    }
    if (lo > hi) {
      curves.add(new Curve(name, new double[] {0}, new double[] {Double.NaN}, true));
      return this;
    }
    if (hi == lo) {
      lo -= 0.5;
      hi += 0.5;
    }
    double width = (hi - lo) / bins;
    long[] counts = new long[bins];
    long n = 0;
    for (double s : samples) {
      if (Double.isFinite(s)) {
        counts[(int) Math.min(bins - 1, Math.max(0, Math.floor((s - lo) / width)))]++;
        n++;
      }
    }
    double[] x = new double[bins + 1];
    double[] y = new double[bins + 1];
    for (int b = 0; b <= bins; b++) {
      x[b] = lo + b * width;
      y[b] = counts[Math.min(b, bins - 1)] / (n * width);
    }
    curves.add(new Curve(name, x, y, true));
    return this;
  }

  /**
   * Sets the floor of a log-y axis: values below it are drawn at it.
   *
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
  public List<Variant> variants() {
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("density chart '" + title + "' has no curve");
    }
    double f = floor;
    if (logY && Double.isNaN(f)) {
      double max = curves.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.y())).filter(Double::isFinite).max().orElse(1);
      f = max > 0 ? 1e-6 * max : 1e-300;
    }
    LineChart lines = new LineChart(title, xLabel, yLabel);
    for (Curve c : curves) {
      double[] y = c.y().clone();
      for (int i = 0; logY && i < y.length; i++) {
        y[i] = Double.isFinite(y[i]) ? Math.max(y[i], f) : y[i];
      }
      lines.add(c.name(), c.x(), y, Map.of());
    }
    lines.logY(logY);
    about.forEach(lines::about);
    ObjectNode o = lines.variants().get(0).option();
    ObjectNode own = base(true, true);
    o.set("title", own.get("title"));
    o.set("grid", own.get("grid"));
    for (int i = 0; i < curves.size(); i++) {
      ObjectNode s = (ObjectNode) o.get("series").get(i);
      s.put("showSymbol", false);
      s.putObject("areaStyle").put("opacity", 0.25);
      if (curves.get(i).steps()) {
        s.put("step", "end");
      }
    }
    return List.of(new Variant("", o));
  }
}
