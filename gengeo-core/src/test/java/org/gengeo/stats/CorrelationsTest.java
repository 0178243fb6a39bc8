package org.gengeo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

class CorrelationsTest {
    // A sample with ties in both variables; reference values from scipy.stats 1.17.1
    // (kendalltau computes tau-b, spearmanr uses average ranks).
    private static final double[] X = {1, 2, 2, 3, 5, 4};
    private static final double[] Y = {2, 1, 3, 3, 6, 5};

    @Test
    void tiedSampleMatchesScipy() {
        assertEquals(0.7857142857142858, Correlations.kendallTau(X, Y), 1e-12);
        assertEquals(0.8676470588235294, Correlations.spearman(X, Y), 1e-12);
        assertEquals(0.9000328725094618, Correlations.pearson(X, Y), 1e-12);
    }

    @Test
    void spearmanWithoutTiesEqualsTheRankDifferenceFormula() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble();
            y[i] = x[i] + random.nextGaussian() * 0.3;
        }
        double[] rx = Correlations.ranks(x);
        double[] ry = Correlations.ranks(y);
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            d2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
        }
        assertEquals(1 - 6 * d2 / (n * ((double) n * n - 1)), Correlations.spearman(x, y), 1e-12);
    }

    @Test
    void kendallWithoutTiesIsTheConcordanceFraction() {
        // 4 points, pairs: (1,2) C, (1,3) C, (1,4) C, (2,3) D, (2,4) C, (3,4) C -> (5 - 1) / 6.
        assertEquals(4.0 / 6, Correlations.kendallTau(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), 1e-15);
        assertEquals(-1, Correlations.kendallTau(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
    }

    @Test
    void ranksAverageTies() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 6, 5}, Correlations.ranks(X), 0);
    }

    @Test
    void constantSampleGivesNaNAndBadInputIsRejected() {
        assertTrue(Double.isNaN(Correlations.kendallTau(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
        assertTrue(Double.isNaN(Correlations.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
        assertThrows(GengeoException.class, () -> Correlations.pearson(new double[] {1, 2}, new double[] {1}));
        assertThrows(GengeoException.class, () -> Correlations.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
