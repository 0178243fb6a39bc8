package org.gengeo.curvature;

import org.ejml.data.DMatrixRMaj;
import org.gengeo.core.GengeoException;

/**
 * The explicit matrix of a symmetric operator, built column by column (A e_j), symmetrised as
 * (A + A^T) / 2, and fully eigen-decomposed with EJML: exact spectra for small models and blocks,
 * and the reference the iterative methods are tested against.
 */
public final class DenseHessian {
    /** Largest dimension built by default (n products and an n x n matrix). */
    public static final int MAX_DIM = 5000;

    private final DMatrixRMaj matrix;
    private final double asymmetry;

    private DenseHessian(DMatrixRMaj matrix, double asymmetry) {
        this.matrix = matrix;
        this.asymmetry = asymmetry;
    }

    /** Builds the matrix of {@code op} with n = op.dim() products. */
    public static DenseHessian of(SymmetricOperator op) {
        int n = op.dim();
        if (n > MAX_DIM) {
            throw new GengeoException("the dense Hessian has " + n + " rows, above the limit of " + MAX_DIM
                    + "; choose a smaller --block or --method lanczos");
        }
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            double[] col = op.apply(e);
            e[j] = 0;
            for (int i = 0; i < n; i++) {
                m.set(i, j, col[i]);
            }
        }
        return symmetrised(m);
    }

    /** The matrix given explicitly (e.g. in closed form), rows {@code m[i]}; symmetrised like {@link #of(SymmetricOperator)}. */
    public static DenseHessian of(double[][] m) {
        int n = m.length;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + m[i].length + " entries, not " + n);
            }
            for (int j = 0; j < n; j++) {
                a.set(i, j, m[i][j]);
            }
        }
        return symmetrised(a);
    }

    private static DenseHessian symmetrised(DMatrixRMaj m) {
        int n = m.numRows;
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double a = m.get(i, j);
                double b = m.get(j, i);
                maxAbs = Math.max(maxAbs, Math.max(Math.abs(a), Math.abs(b)));
                maxDiff = Math.max(maxDiff, Math.abs(a - b));
                double mean = (a + b) / 2;
                m.set(i, j, mean);
                m.set(j, i, mean);
            }
        }
        return new DenseHessian(m, maxAbs == 0 ? 0 : maxDiff / maxAbs);
    }

    /** The symmetrised matrix (a copy). */
    public double[][] matrix() {
        int n = matrix.numRows;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = matrix.get(i, j);
            }
        }
        return out;
    }

    /** max |A_ij - A_ji| / max |A_ij| before symmetrisation: a check of the products' accuracy. */
    public double asymmetry() {
        return asymmetry;
    }

    /** The trace. */
    public double trace() {
        double t = 0;
        for (int i = 0; i < matrix.numRows; i++) {
            t += matrix.get(i, i);
        }
        return t;
    }

    /** All eigenpairs, values in descending order, residuals computed from the matrix. */
    public Eigenpairs eigen() {
        int n = matrix.numRows;
        SymmetricEigen eig = SymmetricEigen.of(matrix);
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        double[] residuals = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = eig.values()[n - 1 - k];
            vectors[k] = eig.vectors()[n - 1 - k];
            double[] av = multiply(vectors[k]);
            Vectors.axpy(-values[k], vectors[k], av);
            residuals[k] = Vectors.norm(av);
        }
        return new Eigenpairs(values, vectors, residuals, n);
    }

    /** The matrix times {@code v}. */
    public double[] multiply(double[] v) {
        int n = matrix.numRows;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += matrix.get(i, j) * v[j];
            }
            out[i] = s;
        }
        return out;
    }
}
