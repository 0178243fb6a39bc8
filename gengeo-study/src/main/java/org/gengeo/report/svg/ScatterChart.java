package org.gengeo.report.svg;

/**
 * Scatter chart of named point sets, e.g. a generalization measure against the test error of
 * many models, with the rank correlation as annotation.
 *
 * <pre>{@code
 * String svg = new ScatterChart("Sharpness vs gap", "top Hessian eigenvalue", "generalization gap")
 *     .logX(true).add("batch 64", lam, gap).annotate("Kendall tau = 0.41").toSvg(640, 400);
 * }</pre>
 *
 * <p>Each series has its own colour and marker shape; markers are translucent so that
 * overlapping points stay visible, and smaller when a series has many points. Points that cannot
 * be drawn are skipped; see {@link SeriesChart} for the log-axis rules.
 */
public final class ScatterChart extends SeriesChart<ScatterChart> {
  /**
   * @param title chart title (may be empty)
   * @param xLabel x axis title (may be empty)
   * @param yLabel y axis title (may be empty)
   */
  public ScatterChart(String title, String xLabel, String yLabel) {
    super(title, xLabel, yLabel);
  }

  @Override
  void drawData(Svg svg, Frame f) {
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      int n = s.x().length;
      double r = n > 2000 ? 2 : n > 300 ? 2.8 : 3.8;
      svg.open("g", "class", "series", "fill", Palette.color(k), "fill-opacity", 0.78,
          "stroke", "#FFFFFF", "stroke-width", 0.5);
      Marker m = Marker.of(k);
      for (int i = 0; i < n; i++) {
        if (drawable(s, i)) {
          m.draw(svg, f.x.map(s.x()[i]), f.y.map(s.y()[i]), r);
        }
      }
      svg.close("g");
    }
  }

  @Override
  LegendEntry legendEntry(int i, String name) {
    return new LegendEntry(name, Palette.color(i), null, Marker.of(i), false, false);
  }
}
