package org.gengeo.report.svg;

/**
 * A map from a data interval (the domain) to a pixel interval, linear or logarithmic. The pixel
 * interval may be reversed (the y axis grows downwards in SVG).
 */
public final class Scale {
  private final double d0;
  private final double d1;
  private final double r0;
  private final double r1;
  private final boolean log;

  /**
   * @param d0 domain start (positive if {@code log})
   * @param d1 domain end, different from {@code d0}
   * @param r0 pixel position of {@code d0}
   * @param r1 pixel position of {@code d1}
   * @param log logarithmic if true
   */
  public Scale(double d0, double d1, double r0, double r1, boolean log) {
    if (!(Double.isFinite(d0) && Double.isFinite(d1)) || d0 == d1 || (log && !(d0 > 0 && d1 > 0))) {
      throw new IllegalArgumentException("bad " + (log ? "log " : "") + "domain [" + d0 + ", " + d1 + "]");
    }
    this.d0 = d0;
    this.d1 = d1;
    this.r0 = r0;
    this.r1 = r1;
    this.log = log;
  }

  /**
   * Maps a data value to a pixel position. Values outside the domain map outside the pixel range.
   *
   * @param v a finite value (positive on a log scale)
   * @return the pixel position
   */
  public double map(double v) {
    double t = log
        ? (Math.log(v) - Math.log(d0)) / (Math.log(d1) - Math.log(d0))
        : (v / 2 - d0 / 2) / (d1 / 2 - d0 / 2);
    return r0 + t * (r1 - r0);
  }

  /**
   * Maps a value, first clamping it into the domain (so that it lands inside the pixel range).
   *
   * @param v any value; NaN maps to the domain start
   * @return the pixel position
   */
  public double mapClamped(double v) {
    double lo = Math.min(d0, d1);
    double hi = Math.max(d0, d1);
    double c = Double.isNaN(v) ? d0 : Math.max(lo, Math.min(hi, v));
    return map(c);
  }

  /** @return the domain start */
  public double domainStart() {
    return d0;
  }

  /** @return the domain end */
  public double domainEnd() {
    return d1;
  }

  /** @return whether the scale is logarithmic */
  public boolean isLog() {
    return log;
  }

  /**
   * @param v a value
   * @return whether {@code v} is in the domain, with a relative tolerance of 1e-9
   */
  public boolean contains(double v) {
    double lo = Math.min(d0, d1);
    double hi = Math.max(d0, d1);
    double tol = (log ? 0 : (hi - lo) * 1e-9);
    return log ? v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) : v >= lo - tol && v <= hi + tol;
  }
}
