package org.gengeo.report.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bars over labelled categories, one bar per series in each category, e.g. the top Hessian
 * eigenvalues by rank, or a histogram of learning times by epoch.
 *
 * <pre>{@code
 * new BarChart("Top Hessian eigenvalues", "rank", "eigenvalue").bars(new String[] {"1", "2"}, new double[] {41.2, 17.9});
 * new BarChart("Learning times", "epoch", "examples").categories(epochs).add("first correct", a).add("last turned correct", b);
 * }</pre>
 *
 * <p>On a linear axis bars start at zero, so negative values go down from it; value labels show five
 * significant digits. A value that cannot
 * be drawn (NaN, infinite, or {@code <= 0} on a log axis) gets no bar.
 */
public final class BarChart extends Chart<BarChart> {
  private String[] categories;
  private final Map<String, double[]> bars = new LinkedHashMap<>();
  private boolean valueLabels;

  /**
   * @param title chart title (may be empty)
   * @param xLabel category axis title (may be empty)
   * @param yLabel value axis title (may be empty)
   */
  public BarChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /** Sets the category labels (null entries are written as ""). */
  public BarChart categories(String... labels) {
    if (labels == null || labels.length == 0) {
      throw new IllegalArgumentException("bar chart '" + title + "': no categories");
    }
    categories = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      categories[i] = labels[i] == null ? "" : labels[i];
    }
    return this;
  }

  /**
   * Adds a series of bars, one value per category.
   *
   * @throws IllegalArgumentException if the categories are not set or {@code values} does not have one value per category
   */
  public BarChart add(String name, double[] values) {
    if (categories == null) {
      throw new IllegalArgumentException("bar chart '" + title + "': set the categories before the bars");
    }
    if (values == null || values.length != categories.length) {
      throw new IllegalArgumentException("bar chart '" + title + "': series '" + name + "' needs " + categories.length
          + " values, got " + (values == null ? "null" : values.length));
    }
    bars.put(name == null ? "" : name, values.clone());
    return this;
  }

  /**
   * One series of bars named after the value axis: categories {@code labels} ("1".."n" when null) and their values.
   *
   * @throws IllegalArgumentException if {@code values} is null or empty or the lengths differ
   */
  public BarChart bars(String[] labels, double[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("bar chart '" + title + "': no values");
    }
    if (labels != null && labels.length != values.length) {
      throw new IllegalArgumentException("bar chart '" + title + "': " + labels.length + " labels but " + values.length + " values");
    }
    String[] l = new String[values.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels == null ? Integer.toString(i + 1) : labels[i];
    }
    return categories(l).add(yLabel.isEmpty() ? "value" : yLabel, values);
  }

  /** Writes each value on its bar. */
  public BarChart valueLabels(boolean on) {
    this.valueLabels = on;
    return this;
  }

  @Override
  public List<Variant> variants() {
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("bar chart '" + title + "' has no bars");
    }
    ObjectNode o = base(false, true);
    ((ObjectNode) o.get("tooltip")).put("trigger", "axis").putObject("axisPointer").put("type", "shadow");
    ObjectNode x = o.putObject("xAxis").put("type", "category").put("name", xLabel).put("nameLocation", "middle").put("nameGap", 30);
    ArrayNode cats = x.putArray("data");
    for (String c : categories) {
      cats.add(c);
    }
    x.putObject("axisLabel").put("hideOverlap", true);
    o.set("yAxis", valueAxis(yLabel, logY, 52).put("scale", false));
    ArrayNode out = o.putArray("series");
    List<String> names = new ArrayList<>(bars.keySet());
    for (String name : names) {
      ObjectNode s = out.addObject().put("type", "bar").put("name", name);
      ArrayNode dims = s.putArray("dimensions").add(xLabel.isEmpty() ? "category" : xLabel).add(yLabel.isEmpty() ? "value" : yLabel);
      aboutNames(dims);
      s.putObject("encode").put("x", 0).put("y", 1);
      if (valueLabels) {
        s.putObject("label").put("show", true).put("position", "top");
      }
      ArrayNode data = s.putArray("data");
      double[] v = bars.get(name);
      for (int i = 0; i < v.length; i++) {
        ArrayNode row = data.addArray().add(categories[i]).add(number(v[i], logY));
        aboutValues(row);
      }
    }
    return List.of(new Variant("", o));
  }
}
