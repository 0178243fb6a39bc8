package org.gengeo.report.svg;

/** Accumulates the extent of the usable values of a data set. */
final class Range {
  /** Values above this magnitude cannot be placed on an axis without overflow and are skipped. */
  static final double LIMIT = 1e300;

  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  private final boolean positiveOnly;

  /** @param positiveOnly count only values {@code > 0} (for a log axis) */
  Range(boolean positiveOnly) {
    this.positiveOnly = positiveOnly;
  }

  /** @return whether {@code v} can be drawn: finite and of magnitude at most {@link #LIMIT} */
  static boolean usable(double v) {
    return Double.isFinite(v) && Math.abs(v) <= LIMIT;
  }

  /**
   * @return whether {@code v} can be drawn on an axis that is log or not; on a log axis it must
   *     also be at least 1/{@link #LIMIT}
   */
  static boolean usable(double v, boolean log) {
    return usable(v) && (!log || v >= 1 / LIMIT);
  }

  Range add(double v) {
    if (usable(v, positiveOnly)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return this;
  }

  Range addAll(double[] values) {
    for (double v : values) {
      add(v);
    }
    return this;
  }

  boolean isEmpty() {
    return min > max;
  }
}
