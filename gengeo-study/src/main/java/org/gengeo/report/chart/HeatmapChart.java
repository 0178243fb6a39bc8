package org.gengeo.report.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * A value on a grid as coloured cells, e.g. the training loss over a plane through the trained
 * weights (a 2-D loss landscape, Li et al. 2018). The colour scale (viridis) has a slider that
 * limits the shown range; hovering a cell gives its coordinates and value.
 */
public final class HeatmapChart extends Chart<HeatmapChart> {
  private double[] xs;
  private double[] ys;
  private double[][] z;
  private String zLabel = "value";

  /**
   * @param title chart title (may be empty)
   * @param xLabel x axis title (may be empty)
   * @param yLabel y axis title (may be empty)
   */
  public HeatmapChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  /**
   * Sets the grid. Arrays are copied.
   *
   * @param xs x coordinates (length nx, at least 1)
   * @param ys y coordinates (length ny, at least 1)
   * @param z values, {@code z[iy][ix]}: ny rows of nx values
   * @throws IllegalArgumentException if a coordinate array is empty or {@code z} does not have shape ny x nx
   */
  public HeatmapChart grid(double[] xs, double[] ys, double[][] z) {
    if (xs == null || xs.length == 0 || ys == null || ys.length == 0) {
      throw new IllegalArgumentException("heat map '" + title + "': no coordinates");
    }
    if (z == null || z.length != ys.length) {
      throw new IllegalArgumentException("heat map '" + title + "': z must have " + ys.length + " rows (one per y), got "
          + (z == null ? "null" : z.length));
    }
    double[][] copy = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      if (z[i] == null || z[i].length != xs.length) {
        throw new IllegalArgumentException("heat map '" + title + "': z[" + i + "] must have " + xs.length
            + " values (one per x), got " + (z[i] == null ? "null" : z[i].length));
      }
      copy[i] = z[i].clone();
    }
    this.xs = xs.clone();
    this.ys = ys.clone();
    this.z = copy;
    return this;
  }

  /** Names the value (the colour bar's title and the tooltip's label). */
  public HeatmapChart zLabel(String label) {
    this.zLabel = label == null || label.isEmpty() ? "value" : label;
    return this;
  }

  @Override
  public List<Variant> variants() {
    if (z == null) {
      throw new IllegalArgumentException("heat map '" + title + "' has no grid");
    }
    ObjectNode o = base(false, false);
    o.set("xAxis", category(xLabel, xs, 30));
    o.set("yAxis", category(yLabel, ys, 52));
    ((ObjectNode) o.get("grid")).put("right", 110);
    o.remove("legend");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    ObjectNode s = o.putArray("series").addObject().put("type", "heatmap").put("name", zLabel);
    ArrayNode dims = s.putArray("dimensions").add(xLabel).add(yLabel).add(zLabel);
    aboutNames(dims);
    s.putObject("encode").put("x", 0).put("y", 1).put("value", 2);
    ArrayNode data = s.putArray("data");
    for (int iy = 0; iy < ys.length; iy++) {
      for (int ix = 0; ix < xs.length; ix++) {
        double v = z[iy][ix];
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        ArrayNode row = data.addArray().add(label(xs[ix])).add(label(ys[iy])).add(number(v, false));
        aboutValues(row);
      }
    }
    ObjectNode map = o.putObject("visualMap").put("type", "continuous").put("dimension", 2).put("calculable", true)
        .put("orient", "vertical").put("right", 10).put("top", "middle");
    map.put("min", lo <= hi ? lo : 0).put("max", lo <= hi ? hi : 1).put("precision", 3);
    ArrayNode colours = map.putObject("inRange").putArray("color");
    Palette.SEQUENTIAL.forEach(colours::add);
    return List.of(new Variant("", o));
  }

  private static ObjectNode category(String name, double[] v, int gap) {
    ObjectNode a = JSON.objectNode().put("type", "category").put("name", name).put("nameLocation", "middle").put("nameGap", gap);
    ArrayNode data = a.putArray("data");
    for (double d : v) {
      data.add(label(d));
    }
    return a;
  }

  private static String label(double v) {
    return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
  }
}
