package org.gengeo.nngp;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.gengeo.core.GengeoException;

/**
 * Log marginal likelihood log P(y) of labels y_i in {-1, +1} under a Gaussian-process prior
 * f ~ N(m, K) and the probit likelihood P(y_i | f_i) = Phi(y_i f_i), approximated by Expectation
 * Propagation (Minka 2001), following Rasmussen and Williams 2006, "Gaussian Processes for Machine
 * Learning", Algorithm 3.5: sequential site updates with rank-one updates of the posterior
 * covariance Sigma, and after each sweep a fresh Sigma = K - V^T V, V = L^-1 S^1/2 K, from the
 * Cholesky factor L of B = I + S^1/2 K S^1/2 (S = diag(site precisions tau~)).
 *
 * <p>A prior mean m is handled as an offset in the likelihood, Phi(y_i (g_i + m_i)) with g ~ N(0, K).
 * The cavity moments of the tilted distribution are (R&amp;W eq. 3.58, with the offset):
 * z = y (mu_-i + m_i) / sqrt(1 + s2_-i), r = phi(z)/Phi(z),
 * mu^ = mu_-i + y s2_-i r / sqrt(1 + s2_-i), s2^ = s2_-i - s2_-i^2 r (z + r) / (1 + s2_-i).
 *
 * <p>log Z_EP is R&amp;W eq. 3.65, rearranged (as in their Algorithm 3.5) so that no site variance
 * 1/tau~ is formed:
 * log Z = sum log Phi(z_i) + 1/2 sum log(1 + tau~_i / tau_-i) - sum log L_ii
 *       + 1/2 nu~^T (Sigma - (T~ + T_-)^-1) nu~ + 1/2 sum mu_-i tau_-i (tau~_i mu_-i - 2 nu~_i) / (tau~_i + tau_-i).
 * Iteration stops when log Z changes by less than the tolerance between sweeps.
 */
public final class ExpectationPropagation {
    private final double tolerance;
    private final int maxSweeps;

    /** EP that stops when |change of log Z| between sweeps &lt; {@code tolerance}, or after {@code maxSweeps} sweeps. */
    public ExpectationPropagation(double tolerance, int maxSweeps) {
        if (!(tolerance > 0)) {
            throw new GengeoException("EP tolerance must be positive, got " + tolerance);
        }
        if (maxSweeps < 1) {
            throw new GengeoException("EP sweep limit must be >= 1, got " + maxSweeps);
        }
        this.tolerance = tolerance;
        this.maxSweeps = maxSweeps;
    }

    /** Defaults: tolerance 1e-4 on log Z (natural log), at most 100 sweeps. */
    public static ExpectationPropagation defaults() {
        return new ExpectationPropagation(1e-4, 100);
    }

    /** log P(y) for kernel {@code k} (n x n, symmetric; not modified), labels y in {-1, +1} and zero prior mean. */
    public MarginalLikelihood logMarginal(double[][] k, int[] y) {
        return logMarginal(k, y, new double[y.length]);
    }

    /** log P(y) for kernel {@code k}, labels y in {-1, +1} and prior mean {@code mean}. */
    public MarginalLikelihood logMarginal(double[][] kernel, int[] y, double[] mean) {
        int n = Labels.check(kernel, y, mean);
        double[][] k = Labels.copy(kernel);
        double[] tauSite = new double[n];
        double[] nuSite = new double[n];
        double[][] sigma = Labels.copy(k);
        double[] mu = new double[n];
        double jitter = 0;
        double logZ = Double.NaN;
        boolean converged = false;
        int sweep = 0;
        double[] s = new double[n];
        while (sweep < maxSweeps && !converged) {
            sweep++;
            for (int i = 0; i < n; i++) {
                double tauCav = 1 / sigma[i][i] - tauSite[i];
                double nuCav = mu[i] / sigma[i][i] - nuSite[i];
                double varCav = 1 / tauCav;
                double muCav = nuCav * varCav;
                double denom = Math.sqrt(1 + varCav);
                double z = y[i] * (muCav + mean[i]) / denom;
                double r = Gaussian.millsRatio(z);
                double muHat = muCav + y[i] * varCav * r / denom;
                double varHat = varCav - varCav * varCav * r * (z + r) / (1 + varCav);
                double newTau = Math.max(0, 1 / varHat - tauCav);
                double dTau = newTau - tauSite[i];
                double newNu = muHat / varHat - nuCav;
                double dNu = newNu - nuSite[i];
                tauSite[i] = newTau;
                nuSite[i] = newNu;
                System.arraycopy(sigma[i], 0, s, 0, n);
                double c = dTau / (1 + dTau * s[i]);
                double muShift = dNu - c * (mu[i] + dNu * s[i]);
                for (int j = 0; j < n; j++) {
                    mu[j] += muShift * s[j];
                }
                if (dTau != 0) {
                    rankOneDowndate(sigma, s, c);
                }
            }
            Posterior post = posterior(k, tauSite, nuSite, jitter);
            if (post.factor.jitter() > jitter) {
                for (int i = 0; i < n; i++) {
                    k[i][i] += post.factor.jitter() - jitter;
                }
                jitter = post.factor.jitter();
                post = posterior(k, tauSite, nuSite, 0);
            }
            sigma = post.sigma;
            mu = post.mu;
            double next = logZ(post, tauSite, nuSite, y, mean);
            converged = Math.abs(next - logZ) < tolerance;
            logZ = next;
        }
        if (!Double.isFinite(logZ)) {
            throw new GengeoException("EP did not produce a finite log marginal likelihood (n = " + n + ")");
        }
        return MarginalLikelihood.of("ep", n, logZ, sweep, converged, tolerance, maxSweeps, jitter);
    }

    /** Sigma -= c s s^T, rows in parallel. */
    private static void rankOneDowndate(double[][] sigma, double[] s, double c) {
        int n = s.length;
        IntStream.range(0, n).parallel().forEach(r -> {
            double f = c * s[r];
            double[] row = sigma[r];
            for (int j = 0; j < n; j++) {
                row[j] -= f * s[j];
            }
        });
    }

    private record Posterior(double[][] sigma, double[] mu, JitteredCholesky factor) {
    }

    /** Sigma = K - V^T V with V = L^-1 S^1/2 K, mu = Sigma nu~ (R&amp;W Algorithm 3.5, lines 10-11). */
    private static Posterior posterior(double[][] k, double[] tauSite, double[] nuSite, double startJitter) {
        int n = k.length;
        double[] sqrtTau = new double[n];
        for (int i = 0; i < n; i++) {
            sqrtTau[i] = Math.sqrt(tauSite[i]);
        }
        JitteredCholesky f = JitteredCholesky.ofB(k, sqrtTau, startJitter);
        DMatrixRMaj v = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v.unsafe_set(i, j, sqrtTau[i] * k[i][j]);
            }
        }
        TriangularSolver_DDRM.solveL(f.lower().data, v.data, n, n);
        DMatrixRMaj vtv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multInner(v, vtv);
        double[][] sigma = new double[n][n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int j = 0; j < n; j++) {
                sigma[i][j] = k[i][j] - vtv.unsafe_get(i, j);
                acc += sigma[i][j] * nuSite[j];
            }
            mu[i] = acc;
        }
        return new Posterior(sigma, mu, f);
    }

    /** R&amp;W eq. 3.65 in the form given in the class comment. */
    private static double logZ(Posterior post, double[] tauSite, double[] nuSite, int[] y, double[] mean) {
        int n = tauSite.length;
        double sum = -post.factor.halfLogDet();
        double quad = 0;
        for (int i = 0; i < n; i++) {
            quad += nuSite[i] * post.mu[i];
        }
        sum += 0.5 * quad;
        for (int i = 0; i < n; i++) {
            double sii = post.sigma[i][i];
            double tauCav = 1 / sii - tauSite[i];
            double nuCav = post.mu[i] / sii - nuSite[i];
            double muCav = nuCav / tauCav;
            double z = y[i] * (muCav + mean[i]) / Math.sqrt(1 + 1 / tauCav);
            double tt = tauSite[i] + tauCav;
            sum += Gaussian.logCdf(z)
                    + 0.5 * Math.log1p(tauSite[i] / tauCav)
                    - 0.5 * nuSite[i] * nuSite[i] / tt
                    + 0.5 * muCav * tauCav * (tauSite[i] * muCav - 2 * nuSite[i]) / tt;
        }
        return sum;
    }
}
