package org.gengeo.report.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart of named series of (x, y) points, each point optionally labelled (the model it is, its
 * hyperparameters): the common part of {@link LineChart} and {@link ScatterChart}. Series {@code i}
 * gets colour {@code i} of the palette; past the palette's size also the next dash and symbol.
 *
 * @param <T> the concrete chart type
 */
public abstract class SeriesChart<T extends SeriesChart<T>> extends Chart<T> {
  /** One named series; arrays are private copies; {@code labels} maps a label name to one value per point. */
  record Series(String name, double[] x, double[] y, Map<String, String[]> labels, boolean line) {}

  final List<Series> series = new ArrayList<>();
  boolean logX;

  SeriesChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /**
   * Adds a series. The arrays are copied.
   *
   * @param name series name, shown in the legend and the tooltip (null is written as "")
   * @param x x coordinates
   * @param y y coordinates, as many as {@code x}
   * @return this chart
   * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
   */
  public T add(String name, double[] x, double[] y) {
    return add(name, x, y, Map.of());
  }

  /**
   * Adds a series whose points carry labels shown in their tooltips, e.g. {@code "model" -> ids},
   * {@code "lr" -> learning rates}.
   *
   * @param labels label name to one value per point (kept in the map's order)
   * @throws IllegalArgumentException as {@link #add(String, double[], double[])}, or if a label
   *     array does not have one value per point
   */
  public T add(String name, double[] x, double[] y, Map<String, String[]> labels) {
    return add(name, x, y, labels, defaultLine());
  }

  final T add(String name, double[] x, double[] y, Map<String, String[]> labels, boolean line) {
    String n = name == null ? "" : name;
    checkPair("series '" + n + "'", x, y);
    Map<String, String[]> copy = new LinkedHashMap<>();
    labels.forEach((k, v) -> {
      if (v == null || v.length != x.length) {
        throw new IllegalArgumentException("series '" + n + "': label '" + k + "' needs " + x.length + " values, got "
            + (v == null ? "null" : v.length));
      }
      copy.put(k, v.clone());
    });
    series.add(new Series(n, x.clone(), y.clone(), copy, line));
    return self();
  }

  /** Whether {@link #add} draws a line ({@link LineChart}) or points ({@link ScatterChart}). */
  abstract boolean defaultLine();

  /** Uses a logarithmic x axis; x values {@code <= 0} are then missing. */
  public T logX(boolean on) {
    this.logX = on;
    return self();
  }

  /** The option drawing {@code drawn} (series of this chart, or regrouped ones). */
  final ObjectNode option(List<Series> drawn) {
    if (drawn.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title + "' has no series");
    }
    ObjectNode o = base(true, true);
    o.set("xAxis", valueAxis(xLabel, logX, 30));
    o.set("yAxis", valueAxis(yLabel, logY, 52));
    boolean anyLine = drawn.stream().anyMatch(Series::line);
    if (anyLine && drawn.stream().allMatch(Series::line)) {
      ((ObjectNode) o.get("tooltip")).put("trigger", "axis");
    }
    ArrayNode out = o.putArray("series");
    for (int i = 0; i < drawn.size(); i++) {
      out.add(series(drawn.get(i), i));
    }
    return o;
  }

  private ObjectNode series(Series s, int i) {
    ObjectNode j = JSON.objectNode().put("type", s.line() ? "line" : "scatter").put("name", s.name());
    ArrayNode dims = j.putArray("dimensions").add(xLabel.isEmpty() ? "x" : xLabel).add(yLabel.isEmpty() ? "y" : yLabel);
    aboutNames(dims);
    s.labels().keySet().forEach(dims::add);
    j.putObject("encode").put("x", 0).put("y", 1);
    j.put("symbol", Palette.symbol(i));
    if (s.line()) {
      // z and zlevel are ECharts' defaults for a line; ECharts 5.3.1 (the newest WebJar that resolves) leaves them unset on
      // the symbol it draws under the pointer of an axis tooltip and warns on the console unless the series names them
      // (apache/echarts#16983, fixed in 5.4).
      j.put("z", 2).put("zlevel", 0);
      j.put("showSymbol", s.x().length <= 60).put("symbolSize", 5).put("connectNulls", false);
      j.putObject("lineStyle").put("type", Palette.dash(i)).put("width", 1.8);
    } else {
      j.put("symbolSize", 8);
    }
    ArrayNode data = j.putArray("data");
    for (int k = 0; k < s.x().length; k++) {
      ArrayNode row = data.addArray().add(number(s.x()[k], logX)).add(number(s.y()[k], logY));
      aboutValues(row);
      for (String[] v : s.labels().values()) {
        row.add(v[k] == null ? "" : v[k]);
      }
    }
    return j;
  }
}
