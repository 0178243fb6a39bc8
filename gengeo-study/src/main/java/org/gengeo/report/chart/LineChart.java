package org.gengeo.report.chart;

import java.util.List;

/**
 * Lines through named series of points, e.g. training curves.
 *
 * <pre>{@code
 * page.figure(new LineChart("Loss", "step", "loss").add("train", step, train).add("test", step, test), "");
 * }</pre>
 *
 * <p>The tooltip follows the x axis and lists every series at the hovered x, so series that lie on
 * top of each other (two identical runs) are both named. Points are marked when a series has at
 * most 60 of them, or always with {@link #markers(boolean)}.
 */
public final class LineChart extends SeriesChart<LineChart> {
  private boolean markers;

  /**
   * @param title chart title (may be empty)
   * @param xLabel x axis title (may be empty)
   * @param yLabel y axis title (may be empty)
   */
  public LineChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /** Marks every point of every series, however many there are. */
  public LineChart markers(boolean on) {
    this.markers = on;
    return this;
  }

  @Override
  boolean defaultLine() {
    return true;
  }

  @Override
  public List<Variant> variants() {
    var o = option(series);
    if (markers) {
      o.get("series").forEach(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s).put("showSymbol", true));
    }
    return List.of(new Variant("", o));
  }
}
