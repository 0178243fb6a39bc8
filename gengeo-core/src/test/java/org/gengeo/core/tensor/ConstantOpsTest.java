package org.gengeo.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A garbage collection between the forward and the backward pass must not change a gradient. DJL's
 * {@code Number} overloads put the constant in a Java direct buffer that autograd keeps but Java may
 * free; before {@link ConstantOps} existed, a collection at that moment turned the dropout gradient
 * into NaN every time (and, at random, diverged sweep models). These tests force the collection.
 */
class ConstantOpsTest {
    static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void timesAndDividedByMatchTheNumberOverloadsAndKeepTheirGradientThroughACollection(Precision precision) {
        TensorEngine.ensureStarted();
        double c = 0.9;
        try (NDManager m = TensorEngine.newManager()) {
            NDArray x = m.create(new double[] {1.5, -2.25, 3.1, 1e-3}).toType(precision.dataType(), false);
            x.setRequiresGradient(true);
            assertArrayEquals(doubles(x.mul(c)), doubles(ConstantOps.times(x, c)), 0.0);
            assertArrayEquals(doubles(x.div(c)), doubles(ConstantOps.dividedBy(x, c)), 0.0);

            NDArray[] value = new NDArray[1];
            Autograd.recording(() -> {
                value[0] = ConstantOps.times(x, c).add(ConstantOps.dividedBy(x, c)).sum();
                GarbageCollection.collectAndFreeDirectBuffers();
                Autograd.backward(value[0], false);
                return null;
            });
            // d/dx (c x + x / c) = c + 1 / c, with c rounded to the array's type
            double k = precision == Precision.FLOAT32 ? (float) c : c;
            double expected = precision == Precision.FLOAT32 ? (float) ((float) k + (float) (1 / k)) : k + 1 / k;
            for (double g : doubles(x.getGradient())) {
                assertEquals(expected, g, precision == Precision.FLOAT32 ? 1e-6 : 1e-15);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void dropoutGradientIsUnchangedByACollectionDuringTheForwardPass(Precision precision) {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("mlp:20-32-16-10");
        SplittableRandom rng = new SplittableRandom(3);
        double[] xs = new double[40 * 20];
        long[] ys = new long[40];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rng.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = rng.nextInt(10);
        }
        try (Network net = Network.initialise(arch, Activation.parse("relu"), 0.1, Init.parse("he"), 1, precision);
             NDManager m = TensorEngine.newManager()) {
            NDArray x = m.create(xs, new ai.djl.ndarray.types.Shape(40, 20)).toType(precision.dataType(), false);
            NDArray y = m.create(ys);
            List<double[]> plain = gradient(net, x, y, false);
            List<double[]> collected = gradient(net, x, y, true);
            for (int p = 0; p < plain.size(); p++) {
                for (double g : plain.get(p)) {
                    assertTrue(Double.isFinite(g));
                }
                assertArrayEquals(plain.get(p), collected.get(p), 0.0, "parameter " + p);
            }
        }
    }

    /** The training gradient with dropout; with {@code collect}, after a collection before the last layer (both dropouts done). */
    private static List<double[]> gradient(Network net, NDArray x, NDArray y, boolean collect) {
        ForwardPass pass = new ForwardPass(true, 17) {
            @Override
            public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
                if (collect && layer.name().equals("fc2")) {
                    GarbageCollection.collectAndFreeDirectBuffers();
                }
                return a;
            }
        };
        Autograd.clear(net.parameterList());
        Autograd.backward(() -> Loss.CROSS_ENTROPY.mean(net.forward(x, pass), y));
        List<double[]> out = new ArrayList<>();
        for (NDArray g : Autograd.gradients(net.parameterList())) {
            out.add(doubles(g));
        }
        return out;
    }
}
