package org.gengeo.curvature;

import java.util.SplittableRandom;

/**
 * Power iteration with deflation, as PyHessian does it (Yao et al. 2020, Algorithm 1): for each
 * eigenpair, iterate v &larr; A v / ||A v|| with v kept orthogonal to the pairs already found, until
 * the Rayleigh quotient changes by less than {@code tol} relative. It finds the eigenvalues of
 * largest magnitude (a large negative one comes before a small positive one), converges linearly
 * with rate |lambda_{k+1} / lambda_k|, and is kept as the baseline that {@link Lanczos} is compared with.
 */
public final class PowerIteration {
    private PowerIteration() {}

    /** The {@code k} eigenpairs of largest magnitude, at most {@code maxIter} products each. */
    public static Eigenpairs top(SymmetricOperator a, int k, int maxIter, double tol, long seed) {
        int n = a.dim();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[k];
        double[][] vectors = new double[k][];
        double[] residuals = new double[k];
        long products = 0;
        for (int i = 0; i < k; i++) {
            double[] v = Vectors.randomUnit(n, rng);
            double lambda = Double.NaN;
            double[] av = null;
            for (int it = 0; it < maxIter; it++) {
                Vectors.orthogonalise(v, vectors, i);
                Vectors.scale(1 / Vectors.norm(v), v);
                av = a.apply(v);
                products++;
                double next = Vectors.dot(av, v);
                boolean done = !Double.isNaN(lambda) && Math.abs(next - lambda) <= tol * (Math.abs(lambda) + 1e-6);
                lambda = next;
                if (done) {
                    break;
                }
                double norm = Vectors.norm(av);
                if (norm == 0) {
                    break;
                }
                double[] nextV = av.clone();
                Vectors.scale(1 / norm, nextV);
                if (it + 1 < maxIter) {
                    v = nextV;
                }
            }
            values[i] = lambda;
            vectors[i] = v;
            double[] r = av.clone();
            Vectors.axpy(-lambda, v, r);
            residuals[i] = Vectors.norm(r);
        }
        return new Eigenpairs(values, vectors, residuals, products);
    }
}
