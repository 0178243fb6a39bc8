package org.gengeo.curvature;

import java.util.SplittableRandom;

/** An explicit symmetric matrix as an operator, with a known spectrum: Q diag(lambda) Q^T. */
final class MatrixOperator implements SymmetricOperator {
    final double[][] a;
    int applications;

    MatrixOperator(double[][] a) {
        this.a = a;
    }

    /** A random orthogonal basis (Gram-Schmidt of Gaussians) around the given eigenvalues. */
    static MatrixOperator withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] v = Vectors.randomUnit(n, rng);
            Vectors.orthogonalise(v, q, i);
            Vectors.scale(1 / Vectors.norm(v), v);
            q[i] = v;
        }
        double[][] a = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] += lambda[k] * q[k][i] * q[k][j];
                }
            }
        }
        return new MatrixOperator(a);
    }

    @Override
    public int dim() {
        return a.length;
    }

    @Override
    public double[] apply(double[] v) {
        applications++;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Vectors.dot(a[i], v);
        }
        return out;
    }
}
