package org.gengeo.curvature;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The Lanczos method with full reorthogonalisation in float64 (Golub and Van Loan, Matrix
 * Computations, 4th ed., Alg. 10.1.1 with complete reorthogonalisation, section 10.3). After m
 * steps A Q_m = Q_m T_m + beta_m q_{m+1} e_m^T; the Ritz pairs (theta_i, Q_m s_i) of the
 * tridiagonal T_m approximate the extreme eigenpairs, with residual ||A y_i - theta_i y_i|| =
 * beta_m |s_i[m]|, which is the stopping test (reported residuals are floored at machine epsilon
 * times ||T||, the accuracy rounding allows).
 */
public final class Lanczos {
    private Lanczos() {}

    /** The Krylov basis and the tridiagonal matrix after some steps. */
    record Run(double[][] basis, double[] alpha, double[] beta, int steps) {
        /** The Ritz values (eigenvalues of T, ascending) and T's unit eigenvectors s, in the Krylov basis. */
        SymmetricEigen ritz() {
            int m = steps;
            DMatrixRMaj t = new DMatrixRMaj(m, m);
            for (int i = 0; i < m; i++) {
                t.set(i, i, alpha[i]);
                if (i + 1 < m) {
                    t.set(i, i + 1, beta[i]);
                    t.set(i + 1, i, beta[i]);
                }
            }
            return SymmetricEigen.of(t);
        }
    }

    /**
     * Runs up to {@code maxSteps} steps from {@code start} (normalised here). Stops early when the
     * Krylov space becomes invariant (beta below 1e-12 of the largest alpha) or when
     * {@code converged} says so after a step.
     */
    static Run run(SymmetricOperator a, double[] start, int maxSteps, java.util.function.Predicate<Run> converged) {
        int n = a.dim();
        int m = Math.min(maxSteps, n);
        double[][] q = new double[m][];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        double[] v = start.clone();
        Vectors.scale(1 / Vectors.norm(v), v);
        double scale = 0;
        for (int j = 0; j < m; j++) {
            q[j] = v;
            double[] w = a.apply(v);
            alpha[j] = Vectors.dot(w, v);
            scale = Math.max(scale, Math.abs(alpha[j]));
            Vectors.orthogonalise(w, q, j + 1);
            beta[j] = Vectors.norm(w);
            Run run = new Run(q, alpha, beta, j + 1);
            if (j + 1 == m || beta[j] <= 1e-12 * Math.max(scale, 1e-300) || converged.test(run)) {
                return run;
            }
            Vectors.scale(1 / beta[j], w);
            v = w;
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * The {@code top} largest and {@code bottom} smallest eigenpairs of {@code a}, each with
     * estimated residual at most {@code tol} times max(|theta|, 1e-12 * ||T||), using at most
     * {@code maxSteps} products. The start vector is Gaussian from {@code seed}.
     *
     * @return pairs ordered: the top ones descending, then the bottom ones descending
     */
    public static Eigenpairs extremes(SymmetricOperator a, int top, int bottom, int maxSteps, double tol, long seed) {
        int wanted = top + bottom;
        if (wanted < 1 || wanted > a.dim()) {
            throw new IllegalArgumentException("asked for " + wanted + " eigenpairs of a " + a.dim() + "-dimensional operator");
        }
        double[] start = Vectors.randomUnit(a.dim(), new SplittableRandom(seed));
        Run run = run(a, start, Math.max(maxSteps, wanted), r -> r.steps() >= wanted && converged(r, top, bottom, tol));
        SymmetricEigen ritz = run.ritz();
        int m = run.steps();
        double lastBeta = run.beta()[m - 1];
        int count = Math.min(wanted, m);
        double[] values = new double[count];
        double[][] vectors = new double[count][];
        double[] residuals = new double[count];
        int k = 0;
        for (int i = m - 1; i >= m - Math.min(top, m); i--) {
            fill(run, ritz, i, lastBeta, values, vectors, residuals, k++);
        }
        for (int i = Math.min(bottom, m - Math.min(top, m)) - 1; i >= 0; i--) {
            fill(run, ritz, i, lastBeta, values, vectors, residuals, k++);
        }
        return new Eigenpairs(values, vectors, residuals, m);
    }

    private static void fill(Run run, SymmetricEigen ritz, int i, double lastBeta, double[] values, double[][] vectors,
                             double[] residuals, int k) {
        values[k] = ritz.values()[i];
        double[] theta = ritz.values();
        double norm = Math.max(Math.abs(theta[0]), Math.abs(theta[theta.length - 1]));
        // beta |s_i[m]| can underflow to 0 for converged pairs; rounding limits the residual to ~eps ||T||
        residuals[k] = Math.max(lastBeta * Math.abs(ritz.vectors()[i][run.steps() - 1]), Math.ulp(1.0) * norm);
        vectors[k] = ritzVector(run, ritz.vectors()[i]);
    }

    /** Q s: a Ritz vector in the original coordinates. */
    static double[] ritzVector(Run run, double[] s) {
        int n = run.basis()[0].length;
        double[] y = new double[n];
        for (int j = 0; j < run.steps(); j++) {
            Vectors.axpy(s[j], run.basis()[j], y);
        }
        return y;
    }

    private static boolean converged(Run run, int top, int bottom, double tol) {
        SymmetricEigen r = run.ritz();
        int m = run.steps();
        double beta = run.beta()[m - 1];
        double norm = Math.max(Math.abs(r.values()[0]), Math.abs(r.values()[m - 1]));
        for (int i = 0; i < m; i++) {
            boolean wanted = i >= m - top || i < bottom;
            double bound = tol * Math.max(Math.abs(r.values()[i]), 1e-12 * norm);
            if (wanted && beta * Math.abs(r.vectors()[i][m - 1]) > bound) {
                return false;
            }
        }
        return true;
    }
}
