package org.gengeo.report.svg;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The common frame of every chart: the layout (margins computed from the title, the axis labels,
 * the legend and any reserved strip on the right), and the drawing of the background, grid,
 * axes, titles, legend and annotation. Charts draw only their data, through {@link #x} and
 * {@link #y}.
 */
final class Frame {
  static final double FONT_TICK = 11;
  static final double FONT_AXIS = 13;
  static final double FONT_TITLE = 15;
  static final double FONT_LEGEND = 12;
  static final double LEGEND_ROW = 18;
  static final double SWATCH = 24;

  final int width;
  final int height;
  /** Plot rectangle, in pixels. */
  final double left;
  final double top;
  final double right;
  final double bottom;
  final Axis xAxis;
  final Axis yAxis;
  final Scale x;
  final Scale y;
  /** Left edge of the strip reserved on the right of the plot (e.g. for a colour bar). */
  final double reserveLeft;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<LegendEntry> legend;
  private final double legendLeft;
  private final double legendWidth;
  private final double xTitleOffset;
  private final double yTitleOffset;

  private Frame(int width, int height, double left, double top, double right, double bottom,
      Axis xAxis, Axis yAxis, double reserveLeft, String title, String xLabel, String yLabel,
      List<LegendEntry> legend, double legendLeft, double legendWidth, double xTitleOffset,
      double yTitleOffset) {
    this.width = width;
    this.height = height;
    this.left = left;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
    this.xAxis = xAxis;
    this.yAxis = yAxis;
    this.x = xAxis.scale(left, right);
    this.y = yAxis.scale(bottom, top);
    this.reserveLeft = reserveLeft;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.legend = legend;
    this.legendLeft = legendLeft;
    this.legendWidth = legendWidth;
    this.xTitleOffset = xTitleOffset;
    this.yTitleOffset = yTitleOffset;
  }

  /**
   * Lays out a chart.
   *
   * @param xAxisFor the x axis for a desired number of tick intervals
   * @param yAxisFor the y axis for a desired number of tick intervals
   * @param legend legend rows (none: no legend)
   * @param reserve width in pixels to keep free right of the plot (before the legend)
   */
  static Frame layout(int width, int height, String title, String xLabel, String yLabel,
      IntFunction<Axis> xAxisFor, IntFunction<Axis> yAxisFor, List<LegendEntry> legend, double reserve) {
    double titleH = title.isEmpty() ? 14 : 36;
    double xTitleH = xLabel.isEmpty() ? 0 : FONT_AXIS + 8;
    double yTitleW = yLabel.isEmpty() ? 0 : FONT_AXIS + 10;
    double legendW = 0;
    if (!legend.isEmpty()) {
      double names = 0;
      for (LegendEntry e : legend) {
        names = Math.max(names, Text.width(e.name(), FONT_LEGEND));
      }
      legendW = Math.min(SWATCH + 6 + names + 4, width * 0.3);
    }
    double right = width - 16 - (legendW > 0 ? legendW + 12 : 0) - reserve;
    double xTickH = Axis.TICK + Axis.GAP + FONT_TICK + 4;
    double rotExtra = 0;
    Axis yAxis = null;
    Axis xAxis = null;
    double left = 0;
    double bottom = 0;
    for (int pass = 0; pass < 2; pass++) {
      bottom = height - 8 - xTitleH - xTickH - rotExtra;
      double plotH = Math.max(20, bottom - titleH);
      yAxis = yAxisFor.apply(clamp((int) Math.round(plotH / 45), 2, 10));
      left = 8 + yTitleW + yAxis.maxLabelWidth(FONT_TICK) + Axis.TICK + Axis.GAP + 2;
      double plotW = Math.max(20, right - left);
      xAxis = fitX(xAxisFor, plotW);
      if (!xAxis.categorical || xAxis.fitsHorizontally(plotW, FONT_TICK)) {
        break;
      }
      double spacing = plotW / Math.max(1, xAxis.ticks.length);
      xAxis.rotated = true;
      xAxis.labelEvery = Math.max(1, (int) Math.ceil((FONT_TICK + 2) / spacing));
      double need = xAxis.maxLabelWidth(FONT_TICK) * 0.71 + FONT_TICK * 0.35 - FONT_TICK;
      double newExtra = Math.min(Math.max(0, need), height * 0.35);
      if (pass == 1 || newExtra == rotExtra) {
        break;
      }
      rotExtra = newExtra;
    }
    if (right - left < 20) {
      right = left + 20;
    }
    if (bottom - titleH < 20) {
      bottom = titleH + 20;
    }
    double xTitleOffset = xTickH + rotExtra + FONT_AXIS;
    double yTitleOffset = yAxis.maxLabelWidth(FONT_TICK) + Axis.TICK + Axis.GAP + 8;
    double legendLeft = right + reserve + 12;
    return new Frame(width, height, left, titleH, right, bottom, xAxis, yAxis, right, title,
        xLabel, yLabel, legend, legendLeft, legendW, xTitleOffset, yTitleOffset);
  }

  private static Axis fitX(IntFunction<Axis> xAxisFor, double plotW) {
    Axis a = null;
    for (int target = clamp((int) Math.round(plotW / 75), 2, 12); target >= 1; target--) {
      a = xAxisFor.apply(target);
      if (a.categorical || a.fitsHorizontally(plotW, FONT_TICK)) {
        return a;
      }
    }
    return a;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** White background, plot area and grid lines. */
  void drawBackground(Svg svg) {
    svg.element("rect", "x", 0, "y", 0, "width", width, "height", height, "fill", "#FFFFFF");
    if (!xAxis.categorical) {
      xAxis.drawGrid(svg, Axis.Side.BOTTOM, left, top, right, bottom);
    }
    yAxis.drawGrid(svg, Axis.Side.LEFT, left, top, right, bottom);
  }

  /** Plot box, ticks, tick labels, axis titles and the chart title. */
  void drawAxes(Svg svg) {
    svg.element("rect", "x", left, "y", top, "width", right - left, "height", bottom - top,
        "fill", "none", "stroke", "#444444", "stroke-width", 1);
    xAxis.draw(svg, Axis.Side.BOTTOM, left, top, right, bottom, xLabel, xTitleOffset);
    yAxis.draw(svg, Axis.Side.LEFT, left, top, right, bottom, yLabel, yTitleOffset);
    if (!title.isEmpty()) {
      double avail = width - 16;
      double fs = FONT_TITLE;
      while (fs > 10 && Text.width(title, fs) * 1.05 > avail) {
        fs -= 1;
      }
      String t = Text.ellipsize(title, avail / 1.05, fs);
      double cx = Text.width(t, fs) * 1.05 <= right - left ? (left + right) / 2 : width / 2.0;
      svg.text(cx, 23, t, "class", "title", "text-anchor", "middle", "font-size", fs,
          "font-weight", "bold", "fill", "#111111");
    }
  }

  /** The legend, right of the plot; rows that do not fit are summarised as "+N more". */
  void drawLegend(Svg svg) {
    if (legend.isEmpty()) {
      return;
    }
    int fit = Math.max(1, (int) Math.floor((bottom - top - 6) / LEGEND_ROW));
    int shown = legend.size() <= fit ? legend.size() : fit - 1;
    svg.open("g", "class", "legend", "font-size", FONT_LEGEND, "fill", "#222222");
    for (int i = 0; i < shown; i++) {
      LegendEntry e = legend.get(i);
      double cy = top + 4 + LEGEND_ROW * i + LEGEND_ROW / 2;
      double x0 = legendLeft;
      if (e.area()) {
        svg.element("rect", "x", x0 + 2, "y", cy - 6, "width", SWATCH - 4, "height", 12,
            "fill", e.color(), "fill-opacity", 0.35, "stroke", e.color(), "stroke-width", 1.5);
      } else if (e.line()) {
        svg.element("line", "x1", x0, "y1", cy, "x2", x0 + SWATCH, "y2", cy, "stroke", e.color(),
            "stroke-width", 2, "stroke-dasharray", e.dash());
      }
      if (e.marker() != null) {
        e.marker().draw(svg, x0 + SWATCH / 2, cy, 3.5, "fill", e.color());
      }
      String name = Text.ellipsize(e.name(), legendWidth - SWATCH - 6, FONT_LEGEND);
      svg.text(x0 + SWATCH + 6, cy + FONT_LEGEND * 0.35, name);
    }
    if (shown < legend.size()) {
      double cy = top + 4 + LEGEND_ROW * shown + LEGEND_ROW / 2;
      svg.text(legendLeft + SWATCH + 6, cy + FONT_LEGEND * 0.35, "+" + (legend.size() - shown) + " more",
          "fill", "#666666");
    }
    svg.close("g");
  }

  /** A note in the top-left corner of the plot, one line per '\n', on a translucent white box. */
  void drawNote(Svg svg, String note) {
    String[] lines = note.split("\n", -1);
    double fs = FONT_LEGEND;
    double w = 0;
    for (String l : lines) {
      w = Math.max(w, Text.width(l, fs));
    }
    w = Math.min(w, right - left - 16);
    double lineH = fs * 1.3;
    svg.open("g", "class", "annotation", "font-size", fs, "fill", "#111111");
    svg.element("rect", "x", left + 6, "y", top + 6, "width", w + 10, "height", lines.length * lineH + 6,
        "fill", "#FFFFFF", "fill-opacity", 0.85, "stroke", "#BBBBBB", "stroke-width", 0.5, "rx", 2);
    for (int i = 0; i < lines.length; i++) {
      svg.text(left + 11, top + 9 + fs + i * lineH, Text.ellipsize(lines[i], w, fs));
    }
    svg.close("g");
  }

  /** A grey message in the middle of the plot (e.g. "no finite data"). */
  void drawMessage(Svg svg, String message) {
    svg.text((left + right) / 2, (top + bottom) / 2, message, "text-anchor", "middle",
        "font-size", FONT_AXIS, "fill", "#777777", "class", "message");
  }
}
