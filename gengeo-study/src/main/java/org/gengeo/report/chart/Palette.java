package org.gengeo.report.chart;

import java.util.List;

/**
 * Series colours and line styles. Twelve categorical colours: the Okabe-Ito palette (distinguishable
 * with the common forms of colour blindness; Okabe and Ito, "Color Universal Design", 2008) without
 * its yellow, followed by darker and lighter partners of its hues. Past twelve series the colours
 * repeat with the next line dash and point symbol ({@link #dash(int)}, {@link #symbol(int)}), so no
 * two of up to 48 series look alike.
 */
final class Palette {
  private static final List<String> COLOURS = List.of(
      "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
      "#7F3C8D", "#8C564B", "#1B9E77", "#B8860B", "#999999");
  private static final String[] DASHES = {"solid", "dashed", "dotted", "dashed"};
  private static final String[] SYMBOLS = {"circle", "triangle", "rect", "diamond"};
  /** The continuous colour map of heat maps: viridis at nine stops (van der Walt and Smith, matplotlib 2.0). */
  static final List<String> SEQUENTIAL = List.of(
      "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725");

  private Palette() {}

  static List<String> colours() {
    return COLOURS;
  }

  /** The line dash of series {@code i}: solid for the first twelve, then dashed, dotted, ... */
  static String dash(int i) {
    return DASHES[(i / COLOURS.size()) % DASHES.length];
  }

  /** The point symbol of series {@code i}, changing with each round of the colours. */
  static String symbol(int i) {
    return SYMBOLS[(i / COLOURS.size()) % SYMBOLS.length];
  }
}
