package org.gengeo.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

class BoxAscentTest {
    /**
     * A convex quadratic f(w) = 1/2 sum_i a_i (w_i - c_i)^2 whose centre c lies outside the box peaks
     * at the vertex farthest from c in every coordinate (its only local maximum there), so its maximum
     * is known in closed form. Every point the ascent evaluates is checked to lie inside the box.
     */
    @Test
    void findsTheKnownVertexMaximumOfAQuadraticWithoutLeavingTheBox() {
        int n = 40;
        SplittableRandom rng = new SplittableRandom(3);
        double[] w0 = new double[n];
        double[] c = new double[n];
        double[] a = new double[n];
        double eps = 1e-2;
        for (int i = 0; i < n; i++) {
            w0[i] = rng.nextGaussian();
            c[i] = w0[i] + (rng.nextBoolean() ? 1 : -1) * (1.2 + rng.nextDouble()) * eps * (Math.abs(w0[i]) + 1);
            a[i] = 0.1 + rng.nextDouble() * 10;
        }
        double expected = 0;
        for (int i = 0; i < n; i++) {
            double half = eps * (Math.abs(w0[i]) + 1);
            double far = Math.max(Math.abs(w0[i] + half - c[i]), Math.abs(w0[i] - half - c[i]));
            expected += 0.5 * a[i] * far * far;
        }
        double[] worst = {0};
        DifferentiableObjective f = (w, g) -> {
            double v = 0;
            for (int i = 0; i < n; i++) {
                double ratio = Math.abs(w[i] - w0[i]) / (eps * (Math.abs(w0[i]) + 1));
                worst[0] = Math.max(worst[0], ratio);
                g[i] = a[i] * (w[i] - c[i]);
                v += 0.5 * a[i] * (w[i] - c[i]) * (w[i] - c[i]);
            }
            return v;
        };
        BoxAscent.Result r = BoxAscent.maximise(f, w0, eps, 50, 0.1, 7);
        assertEquals(expected, r.maxValue(), 1e-12 * expected);
        assertTrue(worst[0] <= 1 + 1e-12, "an iterate left the box: ratio " + worst[0]);
        assertTrue(r.largestBoxRatio() <= 1 + 1e-12);
        assertEquals(f.valueAndGradient(w0, new double[n]), r.centreValue(), 0);
    }

    /** A linear objective is maximised at the vertex in the direction of its gradient: max = value + sum |g_i| half_i. */
    @Test
    void linearObjectivePeaksInTheGradientsCorner() {
        double[] w0 = {0.5, -2, 0};
        double[] grad = {1, -3, 0.25};
        DifferentiableObjective f = (w, g) -> {
            System.arraycopy(grad, 0, g, 0, 3);
            return grad[0] * w[0] + grad[1] * w[1] + grad[2] * w[2];
        };
        double eps = 1e-3;
        double expected = 0.5 - 3 * -2 + 0;
        for (int i = 0; i < 3; i++) {
            expected += Math.abs(grad[i]) * eps * (Math.abs(w0[i]) + 1);
        }
        assertEquals(expected, BoxAscent.maximise(f, w0, eps, 25, 0.1, 1).maxValue(), 1e-12);
    }

    @Test
    void badOptionsAreUserErrors() {
        DifferentiableObjective f = (w, g) -> 0;
        assertThrows(GengeoException.class, () -> BoxAscent.maximise(f, new double[1], 0, 10, 0.1, 1));
        assertThrows(GengeoException.class, () -> BoxAscent.maximise(f, new double[1], 1e-3, 10, 1.5, 1));
    }
}
