package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;

/** Losses and accuracy counts against their closed forms computed in plain Java. */
class LossTest {
    @Test
    void crossEntropyIsMinusLogSoftmaxOfTheLabel() {
        TensorEngine.ensureStarted();
        double[][] f = {{1.0, 2.0, -1.0}, {0.5, 0.5, 0.5}, {-3.0, 10.0, 2.0}};
        long[] y = {1, 2, 0};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double z = 0;
            for (double v : f[i]) {
                z += Math.exp(v);
            }
            expected += -(f[i][(int) y[i]] - Math.log(z)) / 3;
        }
        try (NDManager m = TensorEngine.newManager()) {
            var logits = m.create(new double[] {1.0, 2.0, -1.0, 0.5, 0.5, 0.5, -3.0, 10.0, 2.0}, new Shape(3, 3));
            var labels = m.create(y);
            assertEquals(expected, Tensors.scalar(Loss.CROSS_ENTROPY.mean(logits, labels)), 1e-14);
            assertArrayEquals(new long[] {1, 0, 0}, Loss.CROSS_ENTROPY.correct(logits, labels).toLongArray());
        }
    }

    @Test
    void meanCrossEntropyAndItsGradientAreTheMeanOfThePerExampleLossesToTheBit() {
        TensorEngine.ensureStarted();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] f = new float[64 * 10];
        long[] y = new long[64];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (3 * r.nextGaussian());
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(10);
        }
        try (NDManager m = TensorEngine.newManager()) {
            var labels = m.create(y);
            float[][] value = new float[2][];
            float[][] grad = new float[2][];
            for (int form = 0; form < 2; form++) {
                var logits = m.create(f, new Shape(64, 10));
                logits.setRequiresGradient(true);
                boolean mean = form == 0;
                var loss = org.gengeo.core.tensor.Autograd.backward(() -> mean
                        ? Loss.CROSS_ENTROPY.mean(logits, labels) : Loss.CROSS_ENTROPY.perExample(logits, labels).mean());
                value[form] = loss.toFloatArray();
                grad[form] = logits.getGradient().toFloatArray();
            }
            assertArrayEquals(value[1], value[0], 0f);
            assertArrayEquals(grad[1], grad[0], 0f);
        }
    }

    @Test
    void binaryCrossEntropyIsStableForLargeLogits() {
        TensorEngine.ensureStarted();
        double[] f = {0.3, -2.0, 40.0, -40.0, 800.0};
        long[] y = {1, 0, 0, 0, 1};
        try (NDManager m = TensorEngine.newManager()) {
            var logits = m.create(f, new Shape(5, 1));
            double[] got = Tensors.doubles(Loss.BINARY_CROSS_ENTROPY.perExample(logits, m.create(y)));
            double[] want = new double[5];
            for (int i = 0; i < 5; i++) {
                // log(1 + e^f) - y f, written with log1p for the reference
                want[i] = Math.max(f[i], 0) + Math.log1p(Math.exp(-Math.abs(f[i]))) - y[i] * f[i];
            }
            assertArrayEquals(want, got, 1e-12);
            assertEquals(40.0, got[2], 1e-12);
            assertArrayEquals(new long[] {1, 1, 0, 1, 1}, Loss.BINARY_CROSS_ENTROPY.correct(logits, m.create(y)).toLongArray());
        }
    }
}
