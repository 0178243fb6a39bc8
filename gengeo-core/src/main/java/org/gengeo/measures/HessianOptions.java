package org.gengeo.measures;

import java.util.List;
import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * What {@code gengeo hessian} computes.
 *
 * @param top        largest eigenvalues wanted
 * @param bottom     smallest (most negative) eigenvalues wanted (Lanczos and dense only)
 * @param trace      estimate the trace (Hutchinson; exact for the dense method)
 * @param density    estimate the spectral density (SLQ)
 * @param block      parameter names to differentiate with respect to; empty for all
 * @param samples    training examples used (the first N of a seeded permutation); null for all
 * @param method     lanczos, power or dense
 * @param operator   hessian or ggn
 * @param seed       seed of the sample, the start vectors and the probes
 * @param chunk      examples per forward/backward pass (bounds memory)
 * @param maxSteps   most Lanczos steps or power iterations per eigenvalue
 * @param tol        relative residual tolerance (Lanczos) or relative change (power)
 * @param traceProbes most Hutchinson probes
 * @param traceTol   relative standard error at which Hutchinson stops
 * @param slqRuns    SLQ random starts
 * @param slqSteps   Lanczos steps per SLQ run
 */
public record HessianOptions(int top, int bottom, boolean trace, boolean density, List<String> block, Integer samples,
                             String method, String operator, long seed, int chunk, int maxSteps, double tol,
                             int traceProbes, double traceTol, int slqRuns, int slqSteps) {
    /** The defaults: top 10 by Lanczos of the Hessian over the whole training set, chunks of 1000. */
    public static HessianOptions defaults() {
        return new HessianOptions(10, 0, false, false, List.of(), null, "lanczos", "hessian", 0, 1000, 200, 1e-6,
                200, 0.01, 10, 80);
    }

    /** Rejects impossible combinations with a one-line message naming the flag. */
    public HessianOptions validate() {
        String m = method.toLowerCase(Locale.ROOT);
        if (!List.of("lanczos", "power", "dense").contains(m)) {
            throw new GengeoException("--method must be lanczos, power or dense, got '" + method + "'");
        }
        if (!List.of("hessian", "ggn").contains(operator.toLowerCase(Locale.ROOT))) {
            throw new GengeoException("--operator must be hessian or ggn, got '" + operator + "'");
        }
        if (top < 0 || bottom < 0 || (top == 0 && bottom == 0 && !trace && !density)) {
            throw new GengeoException("nothing to compute: ask for --top, --bottom, --trace or --density");
        }
        if (m.equals("power") && bottom > 0) {
            throw new GengeoException("--bottom needs --method lanczos or dense (power iteration finds the largest magnitudes only)");
        }
        if (samples != null && samples < 1) {
            throw new GengeoException("--samples must be at least 1, got " + samples);
        }
        if (chunk < 1 || maxSteps < 1 || traceProbes < 2 || slqRuns < 1 || slqSteps < 2) {
            throw new GengeoException("--chunk, --max-steps, --trace-probes (>= 2), --slq-runs and --slq-steps (>= 2) must be positive");
        }
        if (!(tol > 0) || !(traceTol > 0)) {
            throw new GengeoException("--tol and --trace-tol must be positive");
        }
        return this;
    }
}
