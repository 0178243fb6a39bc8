package org.gengeo.report.svg;

/**
 * Line chart of named series, e.g. training and test loss against step.
 *
 * <pre>{@code
 * String svg = new LineChart("Loss", "step", "loss").logY(true)
 *     .add("train", steps, trainLoss).add("test", steps, testLoss)
 *     .toSvg(640, 400);
 * }</pre>
 *
 * <p>Points are joined in the order given. A point that cannot be drawn (NaN, infinite) breaks
 * the line: the segments on either side are not joined. An isolated drawable point (a run of
 * length one) is shown as a dot. See {@link SeriesChart} for the log-axis rules.
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

  /**
   * Draws a marker at every point, in the series' shape ({@link Marker#of(int)}).
   *
   * @param on true for markers
   * @return this chart
   */
  public LineChart markers(boolean on) {
    this.markers = on;
    return this;
  }

  @Override
  void drawData(Svg svg, Frame f) {
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String color = Palette.color(k);
      StringBuilder d = new StringBuilder();
      svg.open("g", "class", "series", "fill", color);
      int n = s.x().length;
      for (int i = 0; i < n; i++) {
        if (!drawable(s, i)) {
          continue;
        }
        boolean prev = i > 0 && drawable(s, i - 1);
        boolean next = i + 1 < n && drawable(s, i + 1);
        double px = f.x.map(s.x()[i]);
        double py = f.y.map(s.y()[i]);
        if (prev || next) {
          pathTo(d, !prev, px, py);
        } else if (!markers) {
          svg.element("circle", "cx", px, "cy", py, "r", 2.5);
        }
      }
      if (d.length() > 0) {
        svg.element("path", "d", d.toString(), "fill", "none", "stroke", color, "stroke-width", 1.8,
            "stroke-linejoin", "round", "stroke-linecap", "round", "stroke-dasharray", Palette.dash(k));
      }
      if (markers) {
        Marker m = Marker.of(k);
        for (int i = 0; i < n; i++) {
          if (drawable(s, i)) {
            m.draw(svg, f.x.map(s.x()[i]), f.y.map(s.y()[i]), 3, "stroke", "#FFFFFF", "stroke-width", 0.6);
          }
        }
      }
      svg.close("g");
    }
  }

  @Override
  LegendEntry legendEntry(int i, String name) {
    return new LegendEntry(name, Palette.color(i), Palette.dash(i), markers ? Marker.of(i) : null, true, false);
  }
}
