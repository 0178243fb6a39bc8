package org.gengeo.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.junit.jupiter.api.Test;

/** A garbage collection inside the forward pass of a float32 residual network must not change its Hessian-vector product. */
class DeepSecondOrderGcTest {
    private static double[] hv(Network net, NDArray x, NDArray y, List<NDArray> v, boolean collect) {
        try (NDScope scope = new NDScope()) {
            List<NDArray> out = Autograd.recording(() -> {
                NDArray logits = net.forward(x, new ForwardPass(false, 0) {
                    @Override
                    public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
                        if (collect && layer.name().equals("fc")) {
                            GarbageCollection.collectAndFreeDirectBuffers();
                        }
                        return a;
                    }
                });
                NDArray value = Loss.CROSS_ENTROPY.mean(logits, y);
                if (collect) {
                    GarbageCollection.collectAndFreeDirectBuffers();
                }
                return SecondOrder.hessianVectorProduct(value, net.parameterList(), v);
            });
            List<Double> flat = new ArrayList<>();
            for (NDArray a : out) {
                for (double d : a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()) {
                    flat.add(d);
                }
            }
            return flat.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @Test
    void collectionDoesNotChangeTheProduct() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("resnet8:w=8:in=3x16x16:classes=4");
        SplittableRandom rng = new SplittableRandom(2);
        try (Network net = Network.initialise(arch, Activation.RELU, 0, Init.parse("he"), 3, Precision.FLOAT32);
             NDManager m = TensorEngine.newManager()) {
            float[] xs = new float[32 * arch.inputSize()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) rng.nextDouble();
            }
            long[] ys = new long[32];
            for (int i = 0; i < ys.length; i++) {
                ys[i] = rng.nextInt(4);
            }
            NDArray x = m.create(xs, new Shape(32, arch.inputSize()));
            NDArray y = m.create(ys);
            List<NDArray> v = new ArrayList<>();
            for (NDArray p : net.parameterList()) {
                v.add(m.randomNormal(p.getShape()));
            }
            double[] reference = hv(net, x, y, v, false);
            for (int round = 0; round < 5; round++) {
                assertArrayEquals(reference, hv(net, x, y, v, true), 1e-4 * (1 + Math.abs(reference[0])), "round " + round);
            }
        }
    }
}
