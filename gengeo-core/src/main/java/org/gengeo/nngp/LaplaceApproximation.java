package org.gengeo.nngp;

import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.gengeo.core.GengeoException;

/**
 * Log marginal likelihood of labels y in {-1, +1} under a GP prior f ~ N(m, K) and the probit
 * likelihood Phi(y_i f_i), by the Laplace approximation: Newton's method for the posterior mode
 * (Rasmussen and Williams 2006, Algorithm 3.1) and the approximate log marginal likelihood of
 * their eq. 3.32 in the stable form of Algorithm 3.2:
 * log q(y) = -1/2 a^T g + sum log Phi(y_i (g_i + m_i)) - sum log L_ii, g = K a the mode (prior mean
 * moved into the likelihood as an offset), L = chol(I + W^1/2 K W^1/2).
 *
 * <p>For the probit, with z = y (g + m) and r = phi(z)/Phi(z): d log p / dg = y r and
 * W = -d^2 log p / dg^2 = r^2 + z r (R&amp;W eq. 3.16). A Newton step that lowers the objective
 * is halved (up to 20 times).
 */
public final class LaplaceApproximation {
    private final double tolerance;
    private final int maxIterations;

    /** Newton's method stopping when the objective changes by less than {@code tolerance}. */
    public LaplaceApproximation(double tolerance, int maxIterations) {
        if (!(tolerance > 0) || maxIterations < 1) {
            throw new GengeoException("Laplace approximation needs a positive tolerance and at least one iteration");
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Defaults: tolerance 1e-6, at most 100 Newton steps. */
    public static LaplaceApproximation defaults() {
        return new LaplaceApproximation(1e-6, 100);
    }

    /** log q(y) with zero prior mean. */
    public MarginalLikelihood logMarginal(double[][] k, int[] y) {
        return logMarginal(k, y, new double[y.length]);
    }

    /** log q(y) with prior mean {@code mean}. */
    public MarginalLikelihood logMarginal(double[][] k, int[] y, double[] mean) {
        int n = Labels.check(k, y, mean);
        double[] a = new double[n];
        double[] g = new double[n];
        double objective = objective(a, g, y, mean);
        boolean converged = false;
        int it = 0;
        double jitter = 0;
        while (it < maxIterations && !converged) {
            it++;
            double[] w = new double[n];
            double[] sqrtW = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                double z = y[i] * (g[i] + mean[i]);
                double r = Gaussian.millsRatio(z);
                w[i] = r * r + z * r;
                sqrtW[i] = Math.sqrt(w[i]);
                b[i] = w[i] * g[i] + y[i] * r;
            }
            JitteredCholesky f = JitteredCholesky.ofB(k, sqrtW, jitter);
            jitter = f.jitter();
            double[] kb = times(k, b, jitter);
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = sqrtW[i] * kb[i];
            }
            TriangularSolver_DDRM.solveL(f.lower().data, t, n);
            TriangularSolver_DDRM.solveTranL(f.lower().data, t, n);
            double[] aNew = new double[n];
            for (int i = 0; i < n; i++) {
                aNew[i] = b[i] - sqrtW[i] * t[i];
            }
            double[] gNew = times(k, aNew, jitter);
            double next = objective(aNew, gNew, y, mean);
            for (int halving = 0; halving < 20 && next < objective; halving++) {
                for (int i = 0; i < n; i++) {
                    aNew[i] = 0.5 * (aNew[i] + a[i]);
                }
                gNew = times(k, aNew, jitter);
                next = objective(aNew, gNew, y, mean);
            }
            converged = Math.abs(next - objective) < tolerance;
            a = aNew;
            g = gNew;
            objective = next;
        }
        double[] sqrtW = new double[n];
        for (int i = 0; i < n; i++) {
            double z = y[i] * (g[i] + mean[i]);
            double r = Gaussian.millsRatio(z);
            sqrtW[i] = Math.sqrt(r * r + z * r);
        }
        JitteredCholesky f = JitteredCholesky.ofB(k, sqrtW, jitter);
        double logZ = objective - f.halfLogDet();
        return MarginalLikelihood.of("laplace", n, logZ, it, converged, tolerance, maxIterations, f.jitter());
    }

    /** Psi(g) = -1/2 a^T g + sum log Phi(y (g + m)), the objective Newton's method maximises. */
    private static double objective(double[] a, double[] g, int[] y, double[] mean) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += -0.5 * a[i] * g[i] + Gaussian.logCdf(y[i] * (g[i] + mean[i]));
        }
        return s;
    }

    /** (K + jitter I) v. */
    private static double[] times(double[][] k, double[] v, double jitter) {
        int n = v.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = jitter * v[i];
            for (int j = 0; j < n; j++) {
                acc += k[i][j] * v[j];
            }
            out[i] = acc;
        }
        return out;
    }
}
