package org.gengeo.nngp;

/**
 * An approximate log marginal likelihood log P(y) of labels under a Gaussian-process prior with a
 * probit likelihood, and how the approximation ran.
 *
 * @param method        "ep" or "laplace"
 * @param points        number of labelled points n
 * @param logZ          natural log of the approximate marginal likelihood
 * @param log10Z        the same in base 10 (logZ / ln 10)
 * @param iterations    sweeps (EP) or Newton steps (Laplace) performed
 * @param converged     whether the iteration met its tolerance within {@code maxIterations}
 * @param tolerance     convergence tolerance: on the largest site change in a sweep (EP), on the change of the
 *                      objective (Laplace)
 * @param maxIterations the iteration limit
 * @param jitter        the value added to the kernel's diagonal to make the factorisation succeed (0 when none was needed)
 */
public record MarginalLikelihood(String method, int points, double logZ, double log10Z, int iterations,
                                 boolean converged, double tolerance, int maxIterations, double jitter) {
    static MarginalLikelihood of(String method, int points, double logZ, int iterations, boolean converged,
                                 double tolerance, int maxIterations, double jitter) {
        return new MarginalLikelihood(method, points, logZ, logZ / Math.log(10), iterations, converged,
                tolerance, maxIterations, jitter);
    }
}
