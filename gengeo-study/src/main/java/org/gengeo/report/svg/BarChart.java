package org.gengeo.report.svg;

/**
 * Bar chart of labelled values, e.g. the ten largest Hessian eigenvalues by index.
 *
 * <pre>{@code
 * String svg = new BarChart("Top Hessian eigenvalues", "index", "eigenvalue")
 *     .bars(new String[] {"1", "2", "3"}, new double[] {41.2, 17.9, -0.4}).toSvg(640, 400);
 * }</pre>
 *
 * <p>On a linear axis bars start at zero, so negative values go down from the zero line. On a
 * log axis bars start at the bottom of the axis, and a finite value {@code <= 0} makes
 * {@code toSvg} throw {@link IllegalArgumentException}. A NaN or infinite value gets no bar;
 * its value label ("NaN", "inf") is written at the base instead. Values are written above the
 * bars when they fit (turn off with {@link #valueLabels(boolean)}); long category labels are
 * rotated.
 */
public final class BarChart extends Chart<BarChart> {
  private String[] labels;
  private double[] values;
  private boolean valueLabels = true;

  /**
   * @param title chart title (may be empty)
   * @param xLabel x axis title (may be empty)
   * @param yLabel y axis title (may be empty)
   */
  public BarChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /**
   * Sets the bars (replacing any set before). The arrays are copied.
   *
   * @param labels one category label per bar (null entries are written as ""); null for
   *     "1".."n"
   * @param values bar heights
   * @return this chart
   * @throws IllegalArgumentException if {@code values} is null or empty or the lengths differ
   */
  public BarChart bars(String[] labels, double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("bar chart '" + title + "': no values");
    }
    if (labels != null && labels.length != values.length) {
      throw new IllegalArgumentException("bar chart '" + title + "': " + labels.length + " labels but "
          + values.length + " values");
    }
    this.values = values.clone();
    this.labels = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      this.labels[i] = labels == null ? Integer.toString(i + 1) : labels[i] == null ? "" : labels[i];
    }
    return this;
  }

  /**
   * Writes each value above (or, for negative values, below) its bar, where it fits.
   *
   * @param on true (default) to write values
   * @return this chart
   */
  public BarChart valueLabels(boolean on) {
    this.valueLabels = on;
    return this;
  }

  @Override
  void validate() {
    if (values == null) {
      throw new IllegalArgumentException("bar chart '" + title + "' has no bars");
    }
    if (logY) {
      checkPositive("bar chart '" + title + "'", "y", values);
    }
  }

  @Override
  boolean hasData() {
    for (double v : values) {
      if (Range.usable(v, logY)) {
        return true;
      }
    }
    return false;
  }

  @Override
  Axis xAxis(int target) {
    return Axis.categorical(labels);
  }

  @Override
  Axis yAxis(int target) {
    Range r = new Range(logY).addAll(values);
    if (r.isEmpty()) {
      return Axis.nice(r, logY, target);
    }
    double head = valueLabels ? 0.08 : 0;
    if (logY) {
      double ratio = Math.pow(r.max / r.min, head);
      r.add(r.max * Math.max(ratio, 1 + head));
    } else {
      r.add(0);
      double span = r.max - r.min;
      if (r.max > 0) {
        r.add(r.max + head * span);
      }
      if (r.min < 0) {
        r.add(r.min - head * span);
      }
    }
    return Axis.nice(r, logY, target);
  }

  @Override
  void drawData(Svg svg, Frame f) {
    double slot = (f.right - f.left) / values.length;
    double w = slot * 0.72;
    double base = logY ? f.bottom : f.y.map(0);
    String color = Palette.color(0);
    svg.open("g", "class", "series", "fill", color);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Range.usable(v, logY)) {
        continue;
      }
      double cx = f.x.map(i);
      double top = f.y.map(v);
      svg.element("rect", "x", cx - w / 2, "y", Math.min(top, base), "width", w,
          "height", Math.abs(base - top));
    }
    svg.close("g");
    if (!logY) {
      svg.element("line", "x1", f.left, "y1", base, "x2", f.right, "y2", base, "stroke", "#444444",
          "stroke-width", 1);
    }
    if (valueLabels) {
      double fs = Frame.FONT_TICK - 1;
      svg.open("g", "class", "values", "font-size", fs, "fill", "#333333", "text-anchor", "middle");
      for (int i = 0; i < values.length; i++) {
        double v = values[i];
        String s = Numbers.compact(v);
        if (Text.width(s, fs) > slot * 1.05) {
          continue;
        }
        double cx = f.x.map(i);
        if (!Range.usable(v, logY)) {
          svg.text(cx, base - 3, s, "fill", "#888888");
        } else if (v >= 0 || logY) {
          svg.text(cx, f.y.map(v) - 3, s);
        } else {
          svg.text(cx, f.y.map(v) + fs + 1, s);
        }
      }
      svg.close("g");
    }
  }
}
