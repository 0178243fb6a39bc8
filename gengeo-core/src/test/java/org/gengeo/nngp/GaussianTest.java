package org.gengeo.nngp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianTest {
    /** Reference values from scipy.stats.norm.logcdf and scipy.special.erfc (double precision). */
    @Test
    void logCdfMatchesScipyIntoTheFarTail() {
        double[][] cases = {
            {-40, -804.6084420137539}, {-8, -35.01343715991456}, {-3, -6.60772622151035},
            {-1, -1.8410216450092634}, {0, -0.6931471805599453}, {0.5, -0.36894641528865635},
            {2, -0.023012909328963476}, {5, -2.8665161296376294e-07},
        };
        for (double[] c : cases) {
            assertEquals(c[1], Gaussian.logCdf(c[0]), 1e-12 * Math.abs(c[1]), "log Phi(" + c[0] + ")");
        }
    }

    @Test
    void erfcMatchesScipyOnBothSidesOfTheSeriesLimit() {
        double[][] cases = {{0.1, 0.8875370839817152}, {1, 0.15729920705028516}, {2.4, 0.0006885138966450789},
            {2.6, 0.000236034416529349}, {4, 1.541725790028002e-08}};
        for (double[] c : cases) {
            assertEquals(c[1], Gaussian.erfc(c[0]), 1e-12 * c[1], "erfc(" + c[0] + ")");
            assertEquals(2 - c[1], Gaussian.erfc(-c[0]), 1e-13, "erfc(-" + c[0] + ")");
            assertEquals(1 - c[1], Gaussian.erf(c[0]), 1e-13, "erf(" + c[0] + ")");
        }
    }

    @Test
    void millsRatioApproachesMinusZInTheLowerTail() {
        double z = -1e3;
        // phi(z)/Phi(z) = -z + 1/(-z) - 2/(-z)^3 + ... (asymptotic series of the Mills ratio)
        assertEquals(-z + 1 / -z - 2 / (-z * z * z), Gaussian.millsRatio(z), 1e-6);
        assertEquals(Gaussian.pdf(0.3) / Gaussian.cdf(0.3), Gaussian.millsRatio(0.3), 1e-14);
    }
}
