package org.gengeo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart of named series of (x, y) points: the common part of {@link LineChart} and
 * {@link ScatterChart}. Series {@code i} is drawn in {@link Palette#color(int)} with
 * {@link Marker#of(int)}; a legend appears when there are two or more series.
 *
 * <p>A point is drawn only when both coordinates are finite (and positive on a log axis is
 * required, see below); other points are skipped. On a log axis, a finite value {@code <= 0}
 * is an error ({@link IllegalArgumentException} from {@code toSvg}) rather than silently
 * dropped, because it usually means the wrong quantity is being plotted.
 *
 * @param <T> the concrete chart type
 */
public abstract class SeriesChart<T extends SeriesChart<T>> extends Chart<T> {
  /** One named series; arrays are private copies. */
  record Series(String name, double[] x, double[] y) {
  }

  final List<Series> series = new ArrayList<>();
  boolean logX;

  SeriesChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /**
   * Adds a series. The arrays are copied.
   *
   * @param name series name, shown in the legend (null is written as "")
   * @param x x coordinates
   * @param y y coordinates, as many as {@code x}
   * @return this chart
   * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
   */
  public T add(String name, double[] x, double[] y) {
    String n = name == null ? "" : name;
    checkPair("series '" + n + "'", x, y);
    series.add(new Series(n, x.clone(), y.clone()));
    return self();
  }

  /**
   * Uses a logarithmic x axis; finite x values {@code <= 0} then make {@code toSvg} throw.
   *
   * @param on true for log-x
   * @return this chart
   */
  public T logX(boolean on) {
    this.logX = on;
    return self();
  }

  @Override
  void validate() {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title + "' has no series");
    }
    for (Series s : series) {
      if (logX) {
        checkPositive("series '" + s.name() + "'", "x", s.x());
      }
      if (logY) {
        checkPositive("series '" + s.name() + "'", "y", s.y());
      }
    }
  }

  /** Whether point {@code i} of {@code s} can be drawn. */
  final boolean drawable(Series s, int i) {
    return Range.usable(s.x()[i], logX) && Range.usable(s.y()[i], logY);
  }

  @Override
  boolean hasData() {
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (drawable(s, i)) {
          return true;
        }
      }
    }
    return false;
  }

  private Range range(boolean xs) {
    Range r = new Range(xs ? logX : logY);
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (drawable(s, i)) {
          r.add(xs ? s.x()[i] : s.y()[i]);
        }
      }
    }
    return r;
  }

  @Override
  Axis xAxis(int target) {
    return Axis.nice(range(true), logX, target);
  }

  @Override
  Axis yAxis(int target) {
    return Axis.nice(range(false), logY, target);
  }

  @Override
  List<LegendEntry> legend() {
    if (series.size() < 2) {
      return List.of();
    }
    List<LegendEntry> out = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      out.add(legendEntry(i, series.get(i).name()));
    }
    return out;
  }

  /** The legend row of series {@code i}. */
  abstract LegendEntry legendEntry(int i, String name);
}
