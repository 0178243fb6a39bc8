package org.gengeo.curvature;

import java.util.SplittableRandom;

/**
 * ||A||_F of a symmetric operator from products alone: for Rademacher z, E ||A z||^2 = tr(A^2) =
 * ||A||_F^2 (Hutchinson's estimator applied to A^2, one product of A per probe). The standard error
 * of the norm follows from that of the mean by the delta method, se(sqrt(m)) = se(m) / (2 sqrt(m)).
 */
public final class FrobeniusNorm {
    private FrobeniusNorm() {}

    /** {norm, standard error} from {@code probes} (&gt;= 2) probes. */
    public static double[] estimate(SymmetricOperator a, int probes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < probes; k++) {
            double[] az = a.apply(Vectors.rademacher(a.dim(), rng));
            double x = Vectors.dot(az, az);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / probes;
        double se = Math.sqrt(Math.max(0, sumSq / probes - mean * mean) / (probes - 1));
        double norm = Math.sqrt(mean);
        return new double[] {norm, norm > 0 ? se / (2 * norm) : 0};
    }
}
