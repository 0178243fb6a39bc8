package org.gengeo.curvature;

import java.util.SplittableRandom;

/**
 * Hutchinson's estimator of tr(A) (Hutchinson 1990; Avron and Toledo 2011): with Rademacher
 * vectors z (entries +-1), E[z^T A z] = tr(A). Probes are added until the standard error of the
 * mean falls below {@code relTol} |mean| (after at least {@code minProbes}) or {@code maxProbes}
 * are used. Each probe costs one product.
 */
public final class Hutchinson {
    private Hutchinson() {}

    /** Estimates tr(a). */
    public static TraceEstimate trace(SymmetricOperator a, int minProbes, int maxProbes, double relTol, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double mean = 0;
        double m2 = 0;
        int k = 0;
        while (k < maxProbes) {
            double[] z = Vectors.rademacher(a.dim(), rng);
            double x = Vectors.dot(z, a.apply(z));
            k++;
            double delta = x - mean;
            mean += delta / k;
            m2 += delta * (x - mean);
            if (k >= Math.max(2, minProbes) && standardError(m2, k) <= relTol * Math.abs(mean)) {
                return new TraceEstimate(mean, standardError(m2, k), k, true);
            }
        }
        return new TraceEstimate(mean, k > 1 ? standardError(m2, k) : Double.NaN, k, false);
    }

    /** sqrt(sample variance / k), from Welford's running sum of squared deviations. */
    private static double standardError(double m2, int k) {
        return Math.sqrt(m2 / (k - 1) / k);
    }
}
