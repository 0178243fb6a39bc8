package org.gengeo.stats;

import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics, numpy's default
 * ({@code np.percentile(..., method="linear")}): for sorted x_0..x_{n-1} and q in [0, 1], the
 * position is h = q (n - 1) and the quantile is x_{floor h} + (h - floor h)(x_{floor h + 1} - x_{floor h}).
 */
public final class Quantiles {
    private Quantiles() {}

    /** The q-quantile of already sorted values (NaN for an empty array). */
    public static double ofSorted(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile level " + q + " is outside [0, 1]");
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = q * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** A sorted copy of {@code values}. */
    public static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
