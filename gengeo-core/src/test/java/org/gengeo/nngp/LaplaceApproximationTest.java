package org.gengeo.nngp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaplaceApproximationTest {
    /**
     * One point: the mode g* of log Phi(y (g + m)) - g^2 / (2k) is found by bisection on its
     * derivative, and log q = log Phi(y (g* + m)) - g*^2 / (2k) - 1/2 log(1 + k W(g*)) (R&amp;W eq. 3.32
     * for n = 1).
     */
    @Test
    void onePointMatchesTheModeFoundByBisection() {
        double[][] cases = {{0.7, 1.3, 1}, {2.0, -0.4, 1}, {5.0, -3, 1}, {0.5, 2.0, -1}};
        for (double[] c : cases) {
            double k = c[0];
            double m = c[1];
            int y = (int) c[2];
            double lo = -50;
            double hi = 50;
            for (int it = 0; it < 200; it++) {
                double g = 0.5 * (lo + hi);
                double slope = y * Gaussian.millsRatio(y * (g + m)) - g / k;
                if (slope > 0) {
                    lo = g;
                } else {
                    hi = g;
                }
            }
            double g = 0.5 * (lo + hi);
            double z = y * (g + m);
            double r = Gaussian.millsRatio(z);
            double w = r * r + z * r;
            double expected = Gaussian.logCdf(z) - g * g / (2 * k) - 0.5 * Math.log(1 + k * w);
            MarginalLikelihood q = new LaplaceApproximation(1e-12, 100).logMarginal(new double[][] {{k}}, new int[] {y}, new double[] {m});
            assertTrue(q.converged());
            assertEquals(expected, q.logZ(), 1e-9, "k=" + k + " m=" + m);
        }
    }
}
