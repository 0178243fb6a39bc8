package org.gengeo.report.svg;

/**
 * Point marker shapes. Series {@code i} gets {@code Marker.of(i)}, so that series stay apart even
 * in grey-scale print.
 */
public enum Marker {
  /** A filled circle. */
  CIRCLE,
  /** A filled square. */
  SQUARE,
  /** A filled upward triangle. */
  TRIANGLE,
  /** A filled diamond. */
  DIAMOND;

  /**
   * @param i series index
   * @return the marker of series {@code i} (cycling)
   */
  public static Marker of(int i) {
    return values()[Math.floorMod(i, values().length)];
  }

  /** Draws the marker centred at (cx, cy) with "radius" r; extra attributes are appended. */
  void draw(Svg svg, double cx, double cy, double r, Object... attrs) {
    switch (this) {
      case CIRCLE -> svg.element("circle", concat(new Object[] {"cx", cx, "cy", cy, "r", r}, attrs));
      case SQUARE -> {
        double h = r * 0.9;
        svg.element("rect", concat(new Object[] {"x", cx - h, "y", cy - h, "width", 2 * h, "height", 2 * h}, attrs));
      }
      case TRIANGLE -> {
        double h = r * 1.25;
        String d = "M" + Svg.num(cx) + " " + Svg.num(cy - h) + "L" + Svg.num(cx + h * 0.866) + " "
            + Svg.num(cy + h * 0.5) + "L" + Svg.num(cx - h * 0.866) + " " + Svg.num(cy + h * 0.5) + "Z";
        svg.element("path", concat(new Object[] {"d", d}, attrs));
      }
      case DIAMOND -> {
        double h = r * 1.25;
        String d = "M" + Svg.num(cx) + " " + Svg.num(cy - h) + "L" + Svg.num(cx + h) + " " + Svg.num(cy)
            + "L" + Svg.num(cx) + " " + Svg.num(cy + h) + "L" + Svg.num(cx - h) + " " + Svg.num(cy) + "Z";
        svg.element("path", concat(new Object[] {"d", d}, attrs));
      }
      default -> throw new IllegalStateException();
    }
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] out = new Object[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
