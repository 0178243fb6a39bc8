package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Back-propagated gradients of every layer type and both losses against central finite
 * differences of the loss, in float64. Every parameter coordinate is checked. Batch-norm models are
 * checked in training mode (batch statistics) and in evaluation mode (running statistics, moved away
 * from their initial 0 and 1 by three training passes first).
 */
class GradientCheckTest {
    private static final double H = 1e-6;

    @ParameterizedTest(name = "{0} {1} dropout={2} {3}")
    @CsvSource({
        "mlp:5-4-3, tanh, 0, train",
        "mlp:5-4-3:nobias, tanh, 0, train",
        "mlp:5-6-4-3, relu, 0, train",
        "mlp:5-8-3, tanh, 0.5, train",
        "mlp:5-4-1, tanh, 0, train",
        "mlp:5-4-1, relu, 0.3, train",
        "cnn:2x7x7-c3k3s2p1-c2k2-m2-4-3, tanh, 0, train",
        "cnn:1x6x6-c2k3p1-m2-3, relu, 0, train",
        "cnn:1x6x6-c2k3-m2-5-1:nobias, tanh, 0.2, train",
        "mlp:5-6-4-3:bn, tanh, 0, train",
        "mlp:5-6-4-3:bn, tanh, 0, eval",
        "mlp:5-4-1:nobias:bn, tanh, 0.3, train",
        "cnn:2x6x6-c3k3p1-m2-4-3:bn, tanh, 0, train",
        "cnn:2x6x6-c3k3p1-m2-4-3:bn, tanh, 0, eval",
        "resnet8:w=1:in=1x4x4:classes=3, tanh, 0, train",
    })
    void backpropMatchesFiniteDifferences(String spec, String act, double dropout, String mode) {
        check(spec, act, dropout, mode);
    }

    /** The deeper named families (minutes: every coordinate of thousands of parameters). */
    @ParameterizedTest(name = "{0} {1} dropout={2} {3}")
    @CsvSource({
        "resnet8:w=2:in=2x6x6:classes=3, tanh, 0, train",
        "resnet8:w=2:in=2x6x6:classes=3, tanh, 0, eval",
        "resnet18:cifar:w=1:in=1x8x8:classes=3, tanh, 0, eval",
        "resnet18:w=1:in=1x16x16:classes=3, tanh, 0, eval",
        "nin:d=2:w=2:in=1x5x5:classes=3, tanh, 0, train",
        "vgg11_bn:w=1:hidden=3:classes=3, tanh, 0.3, train",
    })
    @Tag("slow")
    void deepNetworksMatchFiniteDifferences(String spec, String act, double dropout, String mode) {
        check(spec, act, dropout, mode);
    }

    private static void check(String spec, String act, double dropout, String mode) {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse(spec);
        Loss loss = Loss.forOutputs(arch.outputs());
        int n = 6;
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[n * arch.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        int classes = Math.max(2, arch.outputs());
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        try (Network net = Network.initialise(arch, Activation.parse(act), dropout, Init.parse("torch"), 3, Precision.FLOAT64);
             NDManager m = TensorEngine.newManager()) {
            NDArray xs = m.create(x, new Shape(n, arch.inputSize()));
            NDArray ys = m.create(y);
            boolean training = mode.equals("train");
            if (!training) {
                for (int k = 0; k < 3; k++) {
                    net.forward(xs.mul(1.5 + k), ForwardPass.training(k));
                }
            }
            ForwardPass pass = training ? ForwardPass.training(11) : ForwardPass.inference();
            Autograd.backward(() -> loss.mean(net.forward(xs, pass), ys));
            List<NDArray> grads = Autograd.gradients(net.parameterList());
            Map<String, TensorData> base = net.toTensors();
            int i = 0;
            for (String name : net.parameters().keySet()) {
                double[] analytic = Tensors.doubles(grads.get(i++));
                double[] w = base.get(name).toDoubleArray();
                for (int k = 0; k < w.length; k++) {
                    double plus = lossAt(arch, act, dropout, base, name, w, k, +H, xs, ys, loss, training);
                    double minus = lossAt(arch, act, dropout, base, name, w, k, -H, xs, ys, loss, training);
                    double numeric = (plus - minus) / (2 * H);
                    double scale = Math.max(1e-3, Math.abs(numeric));
                    assertEquals(numeric, analytic[k], 2e-6 * scale, name + "[" + k + "]");
                }
            }
            assertTrue(i > 0);
        }
    }

    private static double lossAt(Architecture arch, String act, double dropout, Map<String, TensorData> base, String name,
                                 double[] w, int k, double delta, NDArray xs, NDArray ys, Loss loss, boolean training) {
        double[] moved = w.clone();
        moved[k] += delta;
        Map<String, TensorData> tensors = new LinkedHashMap<>(base);
        tensors.put(name, TensorData.ofDoubles(base.get(name).shape(), moved));
        try (Network net = Network.fromTensors(arch, Activation.parse(act), dropout, tensors, Precision.FLOAT64, "test")) {
            return Tensors.scalar(loss.mean(net.forward(xs, training ? ForwardPass.training(11) : ForwardPass.inference()), ys));
        }
    }
}
