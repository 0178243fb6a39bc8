package org.gengeo.measures;

import org.gengeo.core.GengeoException;

/**
 * What {@code gengeo sharpness} computes.
 *
 * @param eps          Keskar box size: |w'_i - w_i| &lt;= eps (|w_i| + 1)
 * @param steps        projected ascent steps
 * @param stepFraction ascent step as a fraction of each coordinate's half-width
 * @param seed         seed of the ascent's random start and of the curvature probes
 * @param chunk        examples per forward/backward pass
 * @param curvature    also compute the top Hessian eigenvalue, trace and Frobenius norm
 * @param lanczosSteps most Lanczos steps for the top eigenvalue
 * @param probes       Rademacher probes for the trace and the Frobenius norm
 */
public record SharpnessOptions(double eps, int steps, double stepFraction, long seed, int chunk, boolean curvature,
                               int lanczosSteps, int probes) {
    /** Keskar's eps = 1e-4 for FCNs (as in Zhang et al. 2021), 100 steps of 1/10 of the half-width, curvature on. */
    public static SharpnessOptions defaults() {
        return new SharpnessOptions(1e-4, 100, 0.1, 0, 1000, true, 100, 20);
    }

    /** Rejects bad values with a one-line message naming the flag ({@link BoxAscent} checks eps, steps and step fraction). */
    public SharpnessOptions validate() {
        if (chunk < 1 || lanczosSteps < 2 || probes < 2) {
            throw new GengeoException("--chunk must be >= 1, --lanczos-steps and --probes >= 2");
        }
        return this;
    }
}
