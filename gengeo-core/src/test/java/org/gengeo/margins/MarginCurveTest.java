package org.gengeo.margins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.gengeo.stats.Quantiles;
import org.junit.jupiter.api.Test;

/** The margin curve, its areas and the signature's summary statistics against hand computations. */
class MarginCurveTest {
    @Test
    void quantilesInterpolateLinearlyAsNumpy() {
        double[] s = {1, 2, 3, 4};
        // np.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4]
        assertEquals(1, Quantiles.ofSorted(s, 0), 0);
        assertEquals(1.75, Quantiles.ofSorted(s, 0.25), 1e-15);
        assertEquals(2.5, Quantiles.ofSorted(s, 0.5), 1e-15);
        assertEquals(3.7, Quantiles.ofSorted(s, 0.9), 1e-15);
        assertEquals(4, Quantiles.ofSorted(s, 1), 0);
    }

    @Test
    void areaIsTheMeanAndTheCdfAreaIsItsAffineImage() {
        MarginCurve c = MarginCurve.of(new double[] {0.3, -0.1, 0.2, 0.5});
        assertArrayEquals(new double[] {-0.1, 0.2, 0.3, 0.5}, c.sorted(), 0);
        assertEquals(0.225, c.area(), 1e-15);
        assertEquals(-0.1, c.min(), 0);
        assertEquals(0.25, c.median(), 1e-15);
        assertEquals(0.25, c.errorRate(), 0);
        assertEquals(0.125, c.rankFraction(0), 1e-15);
        assertEquals(1 - 0.225, c.cdfArea(-1, 1), 1e-15);
        // against a Riemann sum of the step CDF over [0, 0.4]: F = 1/4 on [0, .2), 1/2 on [.2, .3), 3/4 on [.3, .4]
        double[] f = c.cdf(0, 0.4, 400001);
        double riemann = 0;
        for (int i = 0; i + 1 < f.length; i++) {
            riemann += f[i] * 0.4 / (f.length - 1);
        }
        assertEquals(0.25 * 0.2 + 0.5 * 0.1 + 0.75 * 0.1, c.cdfArea(0, 0.4), 1e-15);
        assertEquals(c.cdfArea(0, 0.4), riemann, 1e-5);
    }

    @Test
    void signatureKeepsPositiveDistancesAndSummarisesThemPerLayer() {
        // d / nu of the kept examples: 0.5, 1, 1.5, 2, 2.5: Q1 1, median 1.5, Q3 2, IQR 1
        MarginSignature s = MarginSignature.of(Map.of("fc0", new double[] {-1, 1, 2, 3, 4, 5, 0}), Map.of("fc0", 2.0));
        MarginSignature.Layer l = s.layers().get(0);
        assertEquals(5, l.kept());
        assertArrayEquals(new double[] {-0.5, 1, 1.5, 2, 3.5}, l.values(), 1e-15);
        assertArrayEquals(new double[] {Math.log(0.5), 0, Math.log(1.5), Math.log(2), Math.log(3.5)}, s.logFeatures(), 1e-15);
    }
}
