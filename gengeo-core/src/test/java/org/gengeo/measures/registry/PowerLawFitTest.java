package org.gengeo.measures.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The power-law fit on synthetic Pareto samples, whose exponent and start are known. */
class PowerLawFitTest {
    /** Pareto samples: x = xmin U^(-1/(alpha-1)) has density ~ x^-alpha on [xmin, inf). */
    static double[] pareto(int n, double alpha, double xmin, SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xmin * Math.pow(1 - rng.nextDouble(), -1 / (alpha - 1));
        }
        return x;
    }

    @Test
    void recoversTheExponentOfParetoSamples() {
        for (double alpha : new double[] {1.8, 2.5, 4.0}) {
            double[] x = pareto(5000, alpha, 2.0, new SplittableRandom((long) (alpha * 10)));
            PowerLawFit known = PowerLawFit.fixedXmin(x, 2.0);
            double logSum = 0;
            for (double v : x) {
                logSum += Math.log(v / 2.0);
            }
            assertEquals(1 + x.length / logSum, known.alpha(), 1e-12, "the closed-form MLE");
            assertEquals(alpha, known.alpha(), 4 * known.standardError());
            PowerLawFit fitted = PowerLawFit.fit(x);
            assertEquals(alpha, fitted.alpha(), 4 * (alpha - 1) / Math.sqrt(fitted.tail()) + 0.05, "alpha " + alpha);
        }
    }

    @Test
    void ksChoosesTheStartOfTheTail() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] tail = pareto(3000, 3.0, 1.0, rng);
        double[] x = new double[6000];
        System.arraycopy(tail, 0, x, 0, 3000);
        for (int i = 3000; i < 6000; i++) {
            x[i] = 0.1 + 0.9 * rng.nextDouble();   // a flat body below the tail
        }
        PowerLawFit f = PowerLawFit.fit(x);
        assertTrue(f.xmin() > 0.9 && f.xmin() < 1.2, "xmin " + f.xmin());
        assertEquals(3.0, f.alpha(), 0.15);
        assertTrue(f.ks() < 0.03, "ks " + f.ks());
    }

    @Test
    void tooFewValuesGiveNoFit() {
        assertNull(PowerLawFit.fit(new double[] {1, 2, 3, 0, 0}));
    }
}
