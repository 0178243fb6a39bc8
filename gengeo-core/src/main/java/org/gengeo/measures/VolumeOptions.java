package org.gengeo.measures;

import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * What {@code gengeo volume} computes.
 *
 * @param kernel     "analytic" (the MLP's NNGP kernel in closed form) or "empirical" (Monte Carlo over random initialisations)
 * @param sigmaW2    weight variance sigma_w^2 of the analytic kernel
 * @param sigmaB2    bias variance sigma_b^2 of the analytic kernel
 * @param testPoints test examples E in the function (the first N of the run's test set)
 * @param networks   random networks for the empirical kernel
 * @param seed       seed of the empirical kernel's networks
 * @param tolerance  EP convergence tolerance
 * @param maxSweeps  EP sweep limit
 * @param laplace    also compute the Laplace approximation
 */
public record VolumeOptions(String kernel, double sigmaW2, double sigmaB2, int testPoints, int networks, long seed,
                            double tolerance, int maxSweeps, boolean laplace) {
    /** Analytic kernel with sigma_w^2 = 2 and sigma_b^2 = 1 (Zhang et al. 2021), 1,000 test points, EP only. */
    public static VolumeOptions defaults() {
        return new VolumeOptions("analytic", 2, 1, 1000, 1000, 0, 1e-5, 100, false);
    }

    /** Rejects bad values with a one-line message naming the flag. */
    public VolumeOptions validate() {
        String k = kernel.toLowerCase(Locale.ROOT);
        if (!k.equals("analytic") && !k.equals("empirical")) {
            throw new GengeoException("--kernel must be analytic or empirical, got '" + kernel + "'");
        }
        if (testPoints < 0) {
            throw new GengeoException("--test-points must be >= 0, got " + testPoints);
        }
        if (networks < 2) {
            throw new GengeoException("--networks must be at least 2, got " + networks);
        }
        return this;
    }
}
