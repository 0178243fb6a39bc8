package org.gengeo.curvature;

/**
 * Eigenvalues (descending) with unit eigenvectors (row i belongs to value i), the number of
 * operator applications used, and, for iterative methods, each pair's residual ||A v - lambda v||.
 */
public record Eigenpairs(double[] values, double[][] vectors, double[] residuals, long applications) {
    /** Number of pairs. */
    public int size() {
        return values.length;
    }
}
