package org.gengeo.report.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every chart: a title, axis titles, an optional log-y axis, an optional note, and
 * facts shown in every tooltip (such as the run the chart is about). A chart is a builder of
 * <a href="https://echarts.apache.org/en/option.html">Apache ECharts</a> options: declarative JSON
 * that the page hands to the ECharts library inlined into it, and that {@code HtmlPage} also writes
 * beside the page so the figure can be re-plotted from its data.
 *
 * <p>Every chart gets the same interaction: a tooltip on hover naming the series and each value of
 * the point (with the chart's {@link #about} facts and the point's own labels), zoom with the mouse
 * wheel and pan by dragging on both axes, a toolbox to zoom a box, reset and save a picture, and a
 * scrolling legend whose entries toggle their series.
 *
 * <p>Data conventions: NaN and infinite values (and, on a log axis, values {@code <= 0}) are
 * written as ECharts' missing value {@code "-"}: a gap in a line, no point, no bar. Charts are
 * mutable builders and not thread-safe; {@link #variants()} does not change the chart.
 *
 * @param <T> the concrete chart type, returned by the fluent setters
 */
public abstract class Chart<T extends Chart<T>> {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  final String title;
  final String xLabel;
  final String yLabel;
  boolean logY;
  private String note = "";
  final Map<String, String> about = new LinkedHashMap<>();

  /** One way of drawing the chart: a label for the chooser ("" when there is one way) and its ECharts option. */
  public record Variant(String label, ObjectNode option) {}

  Chart(String title, String xLabel, String yLabel) {
    this.title = title == null ? "" : title;
    this.xLabel = xLabel == null ? "" : xLabel;
    this.yLabel = yLabel == null ? "" : yLabel;
  }

  @SuppressWarnings("unchecked")
  final T self() {
    return (T) this;
  }

  /** The chart's title. */
  public String title() {
    return title;
  }

  /**
   * Uses a logarithmic y axis; values {@code <= 0} are then missing (see the chart's class comment
   * for charts that clamp instead).
   */
  public T logY(boolean on) {
    this.logY = on;
    return self();
  }

  /** Sets a note shown under the title, e.g. {@code "Kendall tau = 0.41"}; null or empty for none. */
  public T annotate(String text) {
    this.note = text == null ? "" : text;
    return self();
  }

  /**
   * Adds a fact shown in every tooltip of the chart, e.g. {@code about("run", "runs/a")}, so that a
   * reader hovering any point sees which run or model it belongs to.
   */
  public T about(String key, String value) {
    about.put(key, value == null ? "" : value);
    return self();
  }

  /**
   * The ECharts options of the chart, one per way of colouring it; the page shows the first and
   * offers the others in a chooser.
   *
   * @throws IllegalArgumentException if the chart has no data
   */
  public abstract List<Variant> variants();

  /**
   * The parts every chart shares: title and note, tooltip, toolbox, legend, plot margins, the
   * colour palette, and wheel zoom / drag pan on the axes listed.
   */
  final ObjectNode base(boolean zoomX, boolean zoomY) {
    ObjectNode o = JSON.objectNode();
    o.put("animation", false);
    ObjectNode t = o.putObject("title").put("text", title).put("left", "center");
    t.putObject("textStyle").put("fontSize", 15);
    if (!note.isEmpty()) {
      t.put("subtext", note);
    }
    o.putObject("tooltip").put("trigger", "item").put("confine", true);
    ObjectNode features = o.putObject("toolbox").put("right", 10).put("top", 28).putObject("feature");
    if (zoomX || zoomY) {
      ObjectNode box = features.putObject("dataZoom");
      axisIndex(box, "xAxisIndex", zoomX);
      axisIndex(box, "yAxisIndex", zoomY);
    }
    features.putObject("restore");
    features.putObject("saveAsImage").put("name", title.isEmpty() ? "chart" : title.replaceAll("[^A-Za-z0-9._-]+", "_"));
    o.putObject("legend").put("type", "scroll").put("bottom", 0).put("left", "center");
    o.putObject("grid").put("left", 70).put("right", 40).put("top", note.isEmpty() ? 64 : 84).put("bottom", 76)
        .put("containLabel", false);
    ArrayNode colours = o.putArray("color");
    Palette.colours().forEach(colours::add);
    ArrayNode zoom = o.putArray("dataZoom");
    if (zoomX) {
      zoom.addObject().put("type", "inside").put("xAxisIndex", 0).put("filterMode", "none");
    }
    if (zoomY) {
      zoom.addObject().put("type", "inside").put("yAxisIndex", 0).put("filterMode", "none");
    }
    return o;
  }

  private static void axisIndex(ObjectNode box, String key, boolean on) {
    if (on) {
      box.put(key, 0);
    } else {
      box.put(key, "none");
    }
  }

  /** A value axis titled {@code name}, logarithmic if {@code log}. */
  static ObjectNode valueAxis(String name, boolean log, int nameGap) {
    ObjectNode a = JSON.objectNode().put("type", log ? "log" : "value").put("name", name)
        .put("nameLocation", "middle").put("nameGap", nameGap).put("scale", true);
    a.putArray("boundaryGap").add("4%").add("4%");
    a.putObject("splitLine").put("show", true);
    return a;
  }

  /** {@code v} as a JSON number, or ECharts' missing value "-" when it cannot be drawn. */
  static JsonNode number(double v, boolean log) {
    return Double.isFinite(v) && Math.abs(v) <= 1e300 && (!log || v > 0) ? JSON.numberNode(v) : JSON.textNode("-");
  }

  /** Appends the chart's {@link #about} facts to a dimension list or a data row. */
  final void aboutNames(ArrayNode dims) {
    about.keySet().forEach(dims::add);
  }

  final void aboutValues(ArrayNode row) {
    about.values().forEach(row::add);
  }

  /** Throws unless the two arrays are non-null, non-empty and of equal length. */
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
}
