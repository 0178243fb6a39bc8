package org.gengeo.nngp;

import org.gengeo.core.GengeoException;

/**
 * Log marginal likelihood log P(y) of labels y_i in {-1, +1} under a Gaussian-process prior
 * f ~ N(m, K) and the probit likelihood P(y_i | f_i) = Phi(y_i f_i), approximated by Expectation
 * Propagation (Minka 2001), following Rasmussen and Williams 2006, "Gaussian Processes for Machine
 * Learning", Algorithm 3.5: sequential site updates, each followed by the rank-one update
 * Sigma -= (1/dtau~ + Sigma_ii)^-1 s_i s_i^T of the posterior covariance and an O(n) update of the
 * posterior mean mu = Sigma nu~. The downdates are applied in blocks ({@link DelayedCovariance}),
 * which gives the same Sigma with a fraction of the memory traffic; unlike R&amp;W we do not rebuild
 * Sigma from a Cholesky factor after every sweep (an O(n^3) step there for safety; the tests check
 * agreement with a textbook EP to 1e-8). The one Cholesky factorisation, of B = I + S^1/2 K S^1/2
 * (S = diag(site precisions tau~)), gives log det B for the marginal likelihood.
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
 * Sweeps stop when no site parameter moved by more than the tolerance in a sweep, measured
 * dimensionlessly as max(|dtau~_i| Sigma_ii, |dnu~_i| sqrt(Sigma_ii)).
 */
public final class ExpectationPropagation {
    /** Site updates whose rank-one covariance downdates are applied together. */
    private static final int BLOCK = 48;
    private final double tolerance;
    private final int maxSweeps;

    /** EP that stops when the largest site change in a sweep is below {@code tolerance}, or after {@code maxSweeps} sweeps. */
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

    /** Defaults: tolerance 1e-5 on the site changes, at most 100 sweeps. */
    public static ExpectationPropagation defaults() {
        return new ExpectationPropagation(1e-5, 100);
    }

    /** log P(y) for kernel {@code k} (n x n, symmetric; not modified), labels y in {-1, +1} and zero prior mean. */
    public MarginalLikelihood logMarginal(double[][] k, int[] y) {
        return logMarginal(k, y, new double[y.length]);
    }

    /** log P(y) for kernel {@code k}, labels y in {-1, +1} and prior mean {@code mean}. */
    public MarginalLikelihood logMarginal(double[][] kernel, int[] y, double[] mean) {
        int n = Labels.check(kernel, y, mean);
        double[] tauSite = new double[n];
        double[] nuSite = new double[n];
        DelayedCovariance sigma = new DelayedCovariance(kernel, BLOCK);
        double[] mu = new double[n];
        boolean converged = false;
        int sweep = 0;
        while (sweep < maxSweeps && !converged) {
            sweep++;
            double change = 0;
            for (int i = 0; i < n; i++) {
                double[] s = sigma.column(i);
                double tauCav = 1 / s[i] - tauSite[i];
                double nuCav = mu[i] / s[i] - nuSite[i];
                double varCav = 1 / tauCav;
                double muCav = nuCav * varCav;
                double denom = Math.sqrt(1 + varCav);
                double z = y[i] * (muCav + mean[i]) / denom;
                double r = Gaussian.millsRatio(z);
                double muHat = muCav + y[i] * varCav * r / denom;
                double varHat = varCav - varCav * varCav * r * (z + r) / (1 + varCav);
                double newTau = Math.max(0, 1 / varHat - tauCav);
                double dTau = newTau - tauSite[i];
                double dNu = muHat / varHat - nuCav - nuSite[i];
                change = Math.max(change, Math.max(Math.abs(dTau) * s[i], Math.abs(dNu) * Math.sqrt(s[i])));
                tauSite[i] = newTau;
                nuSite[i] += dNu;
                double c = dTau / (1 + dTau * s[i]);
                double muShift = dNu - c * (mu[i] + dNu * s[i]);
                for (int j = 0; j < n; j++) {
                    mu[j] += muShift * s[j];
                }
                sigma.downdate(s, c);
            }
            sigma.flush();
            converged = change < tolerance;
        }
        double[] sqrtTau = new double[n];
        for (int i = 0; i < n; i++) {
            sqrtTau[i] = Math.sqrt(tauSite[i]);
        }
        JitteredCholesky factor = JitteredCholesky.ofB(kernel, sqrtTau, 0);
        double logZ = logZ(factor, sigma.diagonal(), mu, tauSite, nuSite, y, mean);
        if (!Double.isFinite(logZ)) {
            throw new GengeoException("EP did not produce a finite log marginal likelihood (n = " + n + ")");
        }
        return MarginalLikelihood.of("ep", n, logZ, sweep, converged, tolerance, maxSweeps, factor.jitter());
    }

    /** R&amp;W eq. 3.65 in the form given in the class comment. */
    private static double logZ(JitteredCholesky factor, double[] sigmaDiag, double[] mu, double[] tauSite,
                               double[] nuSite, int[] y, double[] mean) {
        int n = tauSite.length;
        double sum = -factor.halfLogDet();
        double quad = 0;
        for (int i = 0; i < n; i++) {
            quad += nuSite[i] * mu[i];
        }
        sum += 0.5 * quad;
        for (int i = 0; i < n; i++) {
            double sii = sigmaDiag[i];
            double tauCav = 1 / sii - tauSite[i];
            double nuCav = mu[i] / sii - nuSite[i];
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
