package org.gengeo.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points of named series, e.g. a generalization measure against the generalization gap of each
 * model of a sweep, with optional reference lines ({@link #line}, such as y = x).
 *
 * <pre>{@code
 * new ScatterChart("sharpness", "sharpness", "gap").add("models", x, y, Map.of("model", ids, "lr", lrs))
 *     .colourBy("lr").colourBy("batch");
 * }</pre>
 *
 * <p>{@link #colourBy(String)} offers the reader a chooser: the points regrouped into one series
 * per value of a label (a factor of the sweep), each with its colour and legend entry.
 */
public final class ScatterChart extends SeriesChart<ScatterChart> {
  private final List<String> factors = new ArrayList<>();

  /**
   * @param title chart title (may be empty)
   * @param xLabel x axis title (may be empty)
   * @param yLabel y axis title (may be empty)
   */
  public ScatterChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  @Override
  boolean defaultLine() {
    return false;
  }

  /** Adds a reference line through the given points (drawn as a line, without markers), e.g. y = x. */
  public ScatterChart line(String name, double[] x, double[] y) {
    return add(name, x, y, Map.of(), true);
  }

  /**
   * Offers colouring the points by the point label {@code factor} (as given to
   * {@link #add(String, double[], double[], Map)}). The first variant is the series as added.
   *
   * @throws IllegalArgumentException if no series of points has that label
   */
  public ScatterChart colourBy(String factor) {
    if (series.stream().noneMatch(s -> !s.line() && s.labels().containsKey(factor))) {
      throw new IllegalArgumentException("chart '" + title + "': no series has the label '" + factor + "'");
    }
    factors.add(factor);
    return this;
  }

  @Override
  public List<Variant> variants() {
    List<Variant> out = new ArrayList<>();
    out.add(new Variant(factors.isEmpty() ? "" : "series", option(series)));
    for (String f : factors) {
      out.add(new Variant(f, option(regroup(f))));
    }
    return out;
  }

  /** The points of every series, one series per value of {@code factor} (in order of first appearance); lines kept. */
  private List<Series> regroup(String factor) {
    Map<String, List<int[]>> groups = new LinkedHashMap<>();
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      String[] levels = one.labels().get(factor);
      for (int k = 0; !one.line() && levels != null && k < one.x().length; k++) {
        groups.computeIfAbsent(factor + " = " + levels[k], g -> new ArrayList<>()).add(new int[] {s, k});
      }
    }
    List<Series> out = new ArrayList<>();
    groups.forEach((name, points) -> {
      Map<String, String[]> first = series.get(points.get(0)[0]).labels();
      double[] x = new double[points.size()];
      double[] y = new double[points.size()];
      Map<String, String[]> labels = new LinkedHashMap<>();
      first.keySet().forEach(k -> labels.put(k, new String[points.size()]));
      for (int i = 0; i < points.size(); i++) {
        Series from = series.get(points.get(i)[0]);
        int k = points.get(i)[1];
        x[i] = from.x()[k];
        y[i] = from.y()[k];
        for (var e : labels.entrySet()) {
          String[] v = from.labels().get(e.getKey());
          e.getValue()[i] = v == null ? "" : v[k];
        }
      }
      out.add(new Series(name, x, y, labels, false));
    });
    series.stream().filter(Series::line).forEach(out::add);
    return out;
  }
}
