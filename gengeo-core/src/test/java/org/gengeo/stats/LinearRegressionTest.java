package org.gengeo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Least squares statistics against closed forms of simple regression. */
class LinearRegressionTest {
    @Test
    void simpleRegressionMatchesClosedForms() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 25;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextDouble() * 4 - 1;
            y[i] = 0.7 - 1.3 * x[i][0] + rng.nextGaussian() * 0.8;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i][0] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i][0] - mx) * (x[i][0] - mx);
            sxy += (x[i][0] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double r2 = sxy * sxy / (sxx * syy);
        // leave-one-out residuals without refitting: e_i / (1 - h_ii), h_ii = 1/n + (x_i - mean)^2 / Sxx (PRESS)
        double press = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - (my + slope * (x[i][0] - mx));
            double h = 1.0 / n + (x[i][0] - mx) * (x[i][0] - mx) / sxx;
            press += Math.pow(e / (1 - h), 2);
        }
        LinearRegression fit = LinearRegression.fit(x, y, n, 7);
        assertArrayEquals(new double[] {my - slope * mx, slope}, fit.coefficients(), 1e-12);
        assertEquals(r2, fit.r2(), 1e-12);
        assertEquals(1 - (1 - r2) * (n - 1) / (n - 2), fit.adjustedR2(), 1e-12);
        assertEquals(1 - press / syy, fit.cvR2(), 1e-12);
    }

    @Test
    void exactLinearDataIsFitPerfectlyInAndOutOfSample() {
        double[][] x = new double[12][2];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i][0] = i;
            x[i][1] = (i * 7) % 5;
            y[i] = 2 + 0.5 * x[i][0] - 3 * x[i][1];
        }
        LinearRegression fit = LinearRegression.fit(x, y, 4, 1);
        assertArrayEquals(new double[] {2, 0.5, -3}, fit.coefficients(), 1e-10);
        assertEquals(1, fit.r2(), 1e-12);
        assertEquals(1, fit.cvR2(), 1e-12);
    }
}
