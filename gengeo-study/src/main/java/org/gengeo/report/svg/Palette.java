package org.gengeo.report.svg;

import java.util.Locale;

/**
 * Colours: the Okabe-Ito palette for categories (distinguishable with the common forms of colour
 * blindness; Okabe and Ito, "Color Universal Design", 2008) and a computed viridis colour map for
 * continuous values.
 *
 * <p>Series colours are ordered so that the first few contrast most on white: blue, vermillion,
 * bluish green, reddish purple, orange, sky blue, black, yellow. After eight series the colours
 * repeat and {@link #dash(int)} gives the next dash pattern, so every series stays distinct.
 */
public final class Palette {
  private static final String[] OKABE_ITO = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"
  };
  private static final String[] DASHES = {null, "6 3", "2 2", "8 3 2 3"};

  /** Neutral colour for missing (non-finite) cells. */
  public static final String MISSING = "#D9D9D9";

  private Palette() {
  }

  /** @return the number of distinct categorical colours (8) */
  public static int size() {
    return OKABE_ITO.length;
  }

  /**
   * The colour of series {@code i} (cycling after {@link #size()}).
   *
   * @param i series index, {@code >= 0}
   * @return a CSS hex colour
   */
  public static String color(int i) {
    return OKABE_ITO[Math.floorMod(i, OKABE_ITO.length)];
  }

  /**
   * The dash pattern of series {@code i}: solid for the first eight, then dashed, dotted, ...
   *
   * @param i series index
   * @return an SVG {@code stroke-dasharray} value, or null for a solid line
   */
  public static String dash(int i) {
    return DASHES[Math.floorMod(i / OKABE_ITO.length, DASHES.length)];
  }

  /**
   * Viridis, computed from the degree-6 polynomial fit of matplotlib's viridis by Matt Zucker
   * (public domain, shadertoy "WlfXRN"); maximum error about 1/255 per channel.
   *
   * @param t position in [0, 1]; values outside are clamped, NaN gives {@link #MISSING}
   * @return a CSS hex colour
   */
  public static String viridis(double t) {
    if (Double.isNaN(t)) {
      return MISSING;
    }
    t = Math.max(0, Math.min(1, t));
    double r = poly(t, 0.2777273272234177, 0.1050930431085774, -0.3308618287255563,
        -4.634230498983486, 6.228269936347081, 4.776384997670288, -5.435455855934631);
    double g = poly(t, 0.005407344544966578, 1.404613529898575, 0.214847559468213,
        -5.799100973351585, 14.17993336680509, -13.74514537774601, 4.645852612178535);
    double b = poly(t, 0.3340998053353061, 1.384590162594685, 0.09509516302823659,
        -19.33244095627987, 56.69055260068105, -65.35303263337234, 26.3124352495832);
    return String.format(Locale.ROOT, "#%02X%02X%02X", channel(r), channel(g), channel(b));
  }

  private static double poly(double t, double... c) {
    double v = 0;
    for (int i = c.length - 1; i >= 0; i--) {
      v = v * t + c[i];
    }
    return v;
  }

  private static int channel(double v) {
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }
}
