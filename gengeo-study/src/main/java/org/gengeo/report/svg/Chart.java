package org.gengeo.report.svg;

import java.util.List;

/**
 * The base of every chart: a title, axis titles, an optional log-y axis and an optional
 * annotation, rendered by {@link #toSvg(int, int)} into a self-contained static SVG document
 * (no scripts, no external resources, deterministic output).
 *
 * <p>Data conventions shared by all charts: NaN and infinite values, and values of magnitude
 * above 1e300 (which cannot be placed on an axis without overflow; on a log axis also positive
 * values below 1e-300), are skipped, never an error;
 * a chart with no drawable value shows empty axes and the message "no finite data". Empty input
 * arrays and arrays of mismatched lengths are rejected with {@link IllegalArgumentException} when
 * added. All text is XML-escaped.
 *
 * <p>Charts are mutable builders and not thread-safe; {@code toSvg} may be called any number of
 * times and does not change the chart.
 *
 * @param <T> the concrete chart type, returned by the fluent setters
 */
public abstract class Chart<T extends Chart<T>> {
  final String title;
  final String xLabel;
  final String yLabel;
  boolean logY;
  private String annotation = "";

  Chart(String title, String xLabel, String yLabel) {
    this.title = title == null ? "" : title;
    this.xLabel = xLabel == null ? "" : xLabel;
    this.yLabel = yLabel == null ? "" : yLabel;
  }

  @SuppressWarnings("unchecked")
  final T self() {
    return (T) this;
  }

  /**
   * Uses a logarithmic y axis. What happens to values {@code <= 0} depends on the chart (see its
   * class documentation).
   *
   * @param on true for log-y
   * @return this chart
   */
  public T logY(boolean on) {
    this.logY = on;
    return self();
  }

  /**
   * Sets a note drawn in the top-left corner of the plot, e.g. {@code "Kendall tau = 0.41"};
   * {@code '\n'} starts a new line.
   *
   * @param text the note; null or empty for none
   * @return this chart
   */
  public T annotate(String text) {
    this.annotation = text == null ? "" : text;
    return self();
  }

  /**
   * Renders the chart.
   *
   * @param width width in pixels, at least 160
   * @param height height in pixels, at least 120
   * @return the SVG document (an {@code <svg>} element with the SVG namespace, no XML prolog)
   * @throws IllegalArgumentException if the size is too small, the chart has no data, or the
   *     data cannot be drawn as configured (e.g. a negative value on a log axis where the chart
   *     does not clamp)
   */
  public final String toSvg(int width, int height) {
    if (width < 160 || height < 120) {
      throw new IllegalArgumentException("chart size must be at least 160x120, got " + width + "x" + height);
    }
    validate();
    Frame f = Frame.layout(width, height, title, xLabel, yLabel, this::xAxis, this::yAxis,
        legend(), reserveRight());
    Svg svg = new Svg(width, height, title);
    f.drawBackground(svg);
    svg.open("g", "class", "data");
    if (hasData()) {
      drawData(svg, f);
    }
    svg.close("g");
    f.drawAxes(svg);
    drawExtras(svg, f);
    f.drawLegend(svg);
    if (!annotation.isEmpty()) {
      f.drawNote(svg, annotation);
    }
    if (!hasData()) {
      f.drawMessage(svg, "no finite data");
    }
    return svg.finish();
  }

  /** Throws {@link IllegalArgumentException} if the chart cannot be drawn as configured. */
  abstract void validate();

  /** Whether at least one value can be drawn. */
  abstract boolean hasData();

  /** The x axis, for about {@code target} tick intervals. */
  abstract Axis xAxis(int target);

  /** The y axis, for about {@code target} tick intervals. */
  abstract Axis yAxis(int target);

  /** Draws the data inside the frame's plot rectangle. */
  abstract void drawData(Svg svg, Frame f);

  /** Legend rows; by default none. */
  List<LegendEntry> legend() {
    return List.of();
  }

  /** Pixels to keep free right of the plot; by default none. */
  double reserveRight() {
    return 0;
  }

  /** Draws anything outside the plot (e.g. a colour bar); by default nothing. */
  void drawExtras(Svg svg, Frame f) {
  }

  /** Checks that two arrays are non-null, non-empty and of equal length. */
  static void checkPair(String what, double[] a, double[] b) {
    if (a == null || b == null) {
      throw new IllegalArgumentException(what + ": arrays must not be null");
    }
    if (a.length == 0) {
      throw new IllegalArgumentException(what + ": empty series");
    }
    if (a.length != b.length) {
      throw new IllegalArgumentException(what + ": x has " + a.length + " values but y has " + b.length);
    }
  }

  /** Throws if any usable value of {@code v} is {@code <= 0} (for a log axis that does not clamp). */
  static void checkPositive(String what, String axis, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (Range.usable(v[i]) && v[i] <= 0) {
        throw new IllegalArgumentException(what + ": " + axis + "[" + i + "] = " + v[i]
            + " is not positive, which a log-" + axis + " axis cannot show");
      }
    }
  }

  /** Appends "M x y" or "L x y" to a path. */
  static void pathTo(StringBuilder d, boolean move, double x, double y) {
    d.append(move ? 'M' : 'L').append(Svg.num(x)).append(' ').append(Svg.num(y));
  }
}
