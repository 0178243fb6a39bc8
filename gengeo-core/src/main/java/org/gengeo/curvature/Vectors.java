package org.gengeo.curvature;

import java.util.SplittableRandom;

/** The few dense-vector operations the Krylov methods need, in float64. */
final class Vectors {
    private Vectors() {}

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** y += alpha x. */
    static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    static void scale(double alpha, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= alpha;
        }
    }

    /** A vector of independent +1/-1 entries (Rademacher). */
    static double[] rademacher(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextBoolean() ? 1 : -1;
        }
        return v;
    }

    /** A uniformly random unit vector (normalised Gaussian). */
    static double[] randomUnit(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        scale(1 / norm(v), v);
        return v;
    }

    /** Removes from w its components along the first {@code count} rows of basis (Gram-Schmidt, twice for stability). */
    static void orthogonalise(double[] w, double[][] basis, int count) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < count; j++) {
                axpy(-dot(w, basis[j]), basis[j], w);
            }
        }
    }
}
