package org.gengeo.measures.registry;

import java.util.Arrays;

/**
 * A continuous power law p(x) ~ x^(-alpha) for x >= xmin fitted to data by maximum likelihood, with
 * xmin chosen to minimise the Kolmogorov-Smirnov distance between the tail's empirical distribution
 * and the fitted one (Clauset, Shalizi and Newman 2009, "Power-law distributions in empirical data",
 * eq. 3.1 and section 3.3). For a given xmin the estimate is the closed form
 * alpha = 1 + n / sum_i ln(x_i / xmin) over the n values x_i >= xmin, with standard error
 * (alpha - 1) / sqrt(n). This is how WeightWatcher fits the eigenvalue spectrum of a layer.
 *
 * @param alpha  exponent
 * @param xmin   start of the fitted tail
 * @param tail   number of values in the tail
 * @param ks     Kolmogorov-Smirnov distance of the fit
 */
public record PowerLawFit(double alpha, double xmin, int tail, double ks) {
    /** Smallest tail fitted (fewer points give no meaningful exponent). */
    public static final int MIN_TAIL = 5;

    /** The exponent's standard error (alpha - 1) / sqrt(n). */
    public double standardError() {
        return (alpha - 1) / Math.sqrt(tail);
    }

    /**
     * Fits the positive values of {@code data}, trying every distinct value as xmin that leaves at
     * least {@link #MIN_TAIL} values in the tail; null when there are too few positive values.
     */
    public static PowerLawFit fit(double[] data) {
        double[] x = Arrays.stream(data).filter(v -> v > 0 && Double.isFinite(v)).sorted().toArray();
        PowerLawFit best = null;
        for (int start = 0; start + MIN_TAIL <= x.length; start++) {
            if (start > 0 && x[start] == x[start - 1]) {
                continue;
            }
            PowerLawFit f = at(x, start, x[start]);
            if (f != null && (best == null || f.ks < best.ks)) {
                best = f;
            }
        }
        return best;
    }

    /** The maximum-likelihood fit with xmin fixed at {@code xmin} (the closed form). */
    public static PowerLawFit fixedXmin(double[] data, double xmin) {
        double[] x = Arrays.stream(data).filter(v -> v >= xmin).sorted().toArray();
        return x.length == 0 ? null : at(x, 0, xmin);
    }

    /** The fit of the sorted values x[start..], all at least {@code xmin}. */
    private static PowerLawFit at(double[] x, int start, double xmin) {
        int n = x.length - start;
        double logSum = 0;
        for (int i = start; i < x.length; i++) {
            logSum += Math.log(x[i] / xmin);
        }
        if (!(logSum > 0)) {
            return null;
        }
        double alpha = 1 + n / logSum;
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double model = 1 - Math.pow(x[start + i] / xmin, 1 - alpha);
            ks = Math.max(ks, Math.max(Math.abs((i + 1.0) / n - model), Math.abs((double) i / n - model)));
        }
        return new PowerLawFit(alpha, xmin, n, ks);
    }
}
