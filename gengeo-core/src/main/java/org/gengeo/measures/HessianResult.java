package org.gengeo.measures;

import java.util.List;
import org.gengeo.core.Provenance;

/**
 * {@code hessian.json}: the curvature of a run's training loss.
 *
 * @param provenance   code, engine and command
 * @param run          the run directory
 * @param options      what was asked
 * @param operator     hessian or ggn
 * @param block        the parameters differentiated (all if the request was empty)
 * @param dimension    number of parameters in the block
 * @param examples     training examples the loss averages over
 * @param dtype        precision of the products
 * @param top          largest eigenvalues, descending
 * @param topResiduals their residual norms ||H v - lambda v|| (estimates for Lanczos)
 * @param bottom       smallest eigenvalues, descending
 * @param trace        trace estimate, or null
 * @param density      spectral density, or null
 * @param spectrum     every eigenvalue (dense method only), descending, or null
 * @param products     operator products used in total
 * @param wallS        seconds spent
 * @param eigenvectors file holding the top and bottom eigenvectors, or null
 */
public record HessianResult(Provenance provenance, String run, HessianOptions options, String operator, List<String> block,
                            int dimension, int examples, String dtype, double[] top, double[] topResiduals, double[] bottom,
                            Trace trace, Density density, double[] spectrum, long products, double wallS, String eigenvectors) {

    /** A trace value with its standard error (0 when exact) and the probes used. */
    public record Trace(double value, double standardError, int probes, boolean exact) {}

    /**
     * The SLQ density on its grid, with its Gaussian width, runs, steps and first two moments, and the raw
     * quadrature (every run's Ritz values, their weights summing to 1 / runs per run, and where each run
     * starts) from which any spectral sum tr f(H) follows ({@link #traceOf}).
     */
    public record Density(double[] grid, double[] values, double sigma, int runs, int steps, double meanEigenvalue,
                          double meanSquaredEigenvalue, double[] nodes, double[] weights, int[] runStarts) {
        /** The SLQ estimate of tr f(H) over {@code dim} parameters, with its standard error over the runs. */
        public double[] traceOf(java.util.function.DoubleUnaryOperator f, int dim) {
            return org.gengeo.curvature.SpectralDensity.traceOf(nodes, weights, runStarts, f, dim);
        }
    }
}
