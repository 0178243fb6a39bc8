package org.gengeo.nngp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

class ExpectationPropagationTest {
    private final ExpectationPropagation ep = new ExpectationPropagation(1e-10, 200);

    /** One point: EP is exact, Z = Phi(y m / sqrt(1 + k)). */
    @Test
    void onePointEqualsTheClosedForm() {
        double[][] cases = {{0.7, 1.3, 1}, {2.0, -0.4, 1}, {0.5, 2.0, -1}, {3.0, -60, 1}};
        for (double[] c : cases) {
            double k = c[0];
            double m = c[1];
            int y = (int) c[2];
            MarginalLikelihood r = ep.logMarginal(new double[][] {{k}}, new int[] {y}, new double[] {m});
            double exact = Gaussian.logCdf(y * m / Math.sqrt(1 + k));
            assertEquals(exact, r.logZ(), 1e-9 * Math.max(1, Math.abs(exact)), "k=" + k + " m=" + m + " y=" + y);
            assertTrue(r.converged());
            assertEquals(r.logZ() / Math.log(10), r.log10Z(), 1e-12);
        }
    }

    /**
     * Two points with zero mean: Z = P(u1 > 0, u2 > 0) for u ~ N(0, diag(y)(K + I)diag(y)), the
     * orthant probability 1/4 + arcsin(rho) / (2 pi). EP is not exact here (its error grows with the
     * correlation, 1.3% of log Z at rho = 0.78), so the implementation is also checked to 1e-8
     * against a textbook EP (dense inverses, eq. 3.65 term by term).
     */
    @Test
    void twoPointsMatchTheBivariateOrthantProbability() {
        double[][] ks = {{1, 0.5, 2}, {4, 3.9, 4}, {2, -1.5, 3}, {10, 9, 10}};
        for (double[] c : ks) {
            for (int[] y : new int[][] {{1, 1}, {1, -1}}) {
                double[][] k = {{c[0], c[1]}, {c[1], c[2]}};
                double rho = y[0] * y[1] * c[1] / Math.sqrt((1 + c[0]) * (1 + c[2]));
                double exact = Math.log(0.25 + Math.asin(rho) / (2 * Math.PI));
                MarginalLikelihood r = ep.logMarginal(k, y);
                assertEquals(naiveEp(k, y, new double[2]), r.logZ(), 1e-8, "implementation vs textbook EP");
                assertEquals(exact, r.logZ(), 0.02 * Math.abs(exact), "K=" + Arrays.toString(c) + " y=" + y[1]);
            }
        }
    }

    /** Two points with non-zero means against a one-dimensional quadrature of the bivariate normal. */
    @Test
    void twoPointsWithMeansMatchQuadrature() {
        double[][] k = {{2, 1.2}, {1.2, 1.5}};
        double[] m = {0.8, -1.1};
        int[] y = {1, 1};
        double exact = Math.log(orthant(k, m, y));
        assertEquals(exact, ep.logMarginal(k, y, m).logZ(), 0.01 * Math.abs(exact));
    }

    /** P(y_1 (f_1 + e_1) > 0, y_2 (f_2 + e_2) > 0), f ~ N(m, K), e ~ N(0, I), by Simpson's rule. */
    private static double orthant(double[][] k, double[] m, int[] y) {
        double a1 = y[0] * m[0];
        double a2 = y[1] * m[1];
        double s1 = Math.sqrt(1 + k[0][0]);
        double s2 = Math.sqrt(1 + k[1][1]);
        double rho = y[0] * y[1] * k[0][1] / (s1 * s2);
        double lo = -a1 / s1;
        double hi = 12;
        int steps = 20000;
        double h = (hi - lo) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double t = lo + i * h;
            double f = Gaussian.pdf(t) * Gaussian.cdf((a2 + rho * s2 * t) / (s2 * Math.sqrt(1 - rho * rho)));
            sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    /**
     * Six points against Monte Carlo: Z = E[prod_i Phi(y_i f_i)], f ~ N(m, K), with 400,000
     * samples (standard error about 0.3% of Z). EP lands within 2% of Z; Laplace, which is known
     * to underestimate the probit marginal likelihood, lands further away (below).
     */
    @Test
    void sixPointsMatchMonteCarloAndBeatLaplace() {
        int n = 6;
        SplittableRandom rng = new SplittableRandom(11);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d2 = 0;
                for (int t = 0; t < 3; t++) {
                    d2 += (x[i][t] - x[j][t]) * (x[i][t] - x[j][t]);
                }
                k[i][j] = 3 * Math.exp(-d2 / 4);
            }
        }
        int[] y = {1, 1, -1, 1, -1, -1};
        double[] m = {0.3, 0, 0, -0.2, 0, 0.5};
        double[] mc = monteCarlo(k, m, y, 400_000, rng);
        MarginalLikelihood epr = ep.logMarginal(k, y, m);
        MarginalLikelihood lap = LaplaceApproximation.defaults().logMarginal(k, y, m);
        double logMc = Math.log(mc[0]);
        assertTrue(mc[1] / mc[0] < 0.01, "Monte Carlo standard error too large: " + mc[1] / mc[0]);
        assertEquals(logMc, epr.logZ(), 0.02, "EP vs Monte Carlo");
        assertEquals(naiveEp(k, y, m), epr.logZ(), 1e-8, "implementation vs textbook EP");
        assertTrue(lap.converged());
        assertTrue(lap.logZ() < logMc - 3 * mc[1] / mc[0], "Laplace " + lap.logZ() + " vs MC " + logMc);
        assertTrue(Math.abs(epr.logZ() - logMc) < Math.abs(lap.logZ() - logMc));
    }

    /** Mean and standard error of prod_i Phi(y_i f_i) over f ~ N(m, K). */
    static double[] monteCarlo(double[][] k, double[] m, int[] y, int samples, SplittableRandom rng) {
        int n = y.length;
        DMatrixRMaj a = new DMatrixRMaj(k);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        assertTrue(chol.decompose(a));
        DMatrixRMaj l = chol.getT(null);
        double sum = 0;
        double sumSq = 0;
        double[] e = new double[n];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i++) {
                e[i] = rng.nextGaussian();
            }
            double p = 1;
            for (int i = 0; i < n; i++) {
                double f = m[i];
                for (int j = 0; j <= i; j++) {
                    f += l.get(i, j) * e[j];
                }
                p *= Gaussian.cdf(y[i] * f);
            }
            sum += p;
            sumSq += p * p;
        }
        double mean = sum / samples;
        double var = sumSq / samples - mean * mean;
        return new double[] {mean, Math.sqrt(var / samples)};
    }

    /** Identical inputs make K singular; EP still works and log Z stays in log space far below double range. */
    @Test
    void singularKernelAndTinyProbabilitiesStayFinite() {
        int n = 400;
        double[][] k = new double[n][n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = 2.0;
            }
            y[i] = i % 2 == 0 ? 1 : -1;
        }
        MarginalLikelihood r = ep.logMarginal(k, y);
        assertTrue(Double.isFinite(r.logZ()));
        assertTrue(r.logZ() < -300 * Math.log(2), "alternating labels on one point should be very unlikely: " + r.logZ());
    }

    @Test
    void badLabelsAreUserErrors() {
        assertThrows(GengeoException.class, () -> ep.logMarginal(new double[][] {{1}}, new int[] {0}));
        assertThrows(GengeoException.class, () -> ep.logMarginal(new double[][] {{1, 0}}, new int[] {1}));
    }

    /**
     * EP written as plainly as possible, as an independent check of the fast one: sequential site
     * updates with Sigma = (K^-1 + diag(tau~))^-1 recomputed by dense inversion before every site,
     * and log Z from R&W eq. 3.65 term by term with the site variances 1/tau~ formed explicitly.
     */
    static double naiveEp(double[][] kernel, int[] y, double[] m) {
        int n = y.length;
        DMatrixRMaj k = new DMatrixRMaj(kernel);
        DMatrixRMaj kInv = new DMatrixRMaj(n, n);
        assertTrue(CommonOps_DDRM.invert(k, kInv));
        double[] tau = new double[n];
        double[] nu = new double[n];
        for (int sweep = 0; sweep < 300; sweep++) {
            for (int i = 0; i < n; i++) {
                DMatrixRMaj[] post = naivePosterior(kInv, tau, nu);
                double s2 = post[0].get(i, i);
                double tauCav = 1 / s2 - tau[i];
                double muCav = (post[1].get(i, 0) / s2 - nu[i]) / tauCav;
                double varCav = 1 / tauCav;
                double z = y[i] * (muCav + m[i]) / Math.sqrt(1 + varCav);
                double r = Gaussian.pdf(z) / Gaussian.cdf(z);
                double muHat = muCav + y[i] * varCav * r / Math.sqrt(1 + varCav);
                double varHat = varCav - varCav * varCav * r * (z + r) / (1 + varCav);
                tau[i] = 1 / varHat - tauCav;
                nu[i] = muHat / varHat - muCav * tauCav;
            }
        }
        DMatrixRMaj[] post = naivePosterior(kInv, tau, nu);
        DMatrixRMaj kPlus = k.copy();
        DMatrixRMaj muSite = new DMatrixRMaj(n, 1);
        double logZ = 0;
        for (int i = 0; i < n; i++) {
            kPlus.add(i, i, 1 / tau[i]);
            muSite.set(i, 0, nu[i] / tau[i]);
            double s2 = post[0].get(i, i);
            double tauCav = 1 / s2 - tau[i];
            double muCav = (post[1].get(i, 0) / s2 - nu[i]) / tauCav;
            double varCav = 1 / tauCav;
            logZ += Math.log(Gaussian.cdf(y[i] * (muCav + m[i]) / Math.sqrt(1 + varCav)))
                    + 0.5 * Math.log(varCav + 1 / tau[i])
                    + Math.pow(muCav - nu[i] / tau[i], 2) / (2 * (varCav + 1 / tau[i]));
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        assertTrue(CommonOps_DDRM.invert(kPlus, inv));
        DMatrixRMaj tmp = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(inv, muSite, tmp);
        return logZ - 0.5 * Math.log(CommonOps_DDRM.det(kPlus)) - 0.5 * CommonOps_DDRM.dot(muSite, tmp);
    }

    /** {Sigma, mu} = {(K^-1 + diag(tau))^-1, Sigma nu}. */
    private static DMatrixRMaj[] naivePosterior(DMatrixRMaj kInv, double[] tau, double[] nu) {
        int n = tau.length;
        DMatrixRMaj a = kInv.copy();
        for (int i = 0; i < n; i++) {
            a.add(i, i, tau[i]);
        }
        DMatrixRMaj sigma = new DMatrixRMaj(n, n);
        assertTrue(CommonOps_DDRM.invert(a, sigma));
        DMatrixRMaj mu = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(sigma, new DMatrixRMaj(n, 1, true, nu), mu);
        return new DMatrixRMaj[] {sigma, mu};
    }
}
