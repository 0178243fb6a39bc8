package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch normalisation against a hand computation in plain Java of the formulas in PyTorch's
 * BatchNorm1d / BatchNorm2d documentation: biased batch variance for the normalisation, running
 * statistics with momentum 0.1 and the unbiased variance, eps 1e-5 inside the root; the file layout
 * (buffers saved, not trained); and that architectures without {@code :bn} are unchanged.
 */
class BatchNormTest {
    @TempDir
    Path tmp;

    /** z [n, out] = x W^T + b, row-major. */
    static double[] linear(double[] x, int n, double[] w, double[] b, int in, int out) {
        double[] z = new double[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) {
                    s += w[o * in + k] * x[i * in + k];
                }
                z[i * out + o] = s;
            }
        }
        return z;
    }

    @Test
    void mlpTrainingAndEvaluationFollowPyTorchsFormulas() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("mlp:3-4-2:bn");
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(arch, 10);
        int n = 5;
        double[] x = BatchNormFixtures.gaussian(n * 3, 99);
        try (Network net = Network.fromTensors(arch, Activation.RELU, 0, t, Precision.FLOAT64, "test");
             NDManager m = TensorEngine.newManager()) {
            double[] z = linear(x, n, t.get("fc0.weight").toDoubleArray(), t.get("fc0.bias").toDoubleArray(), 3, 4);
            double[] gamma = t.get("fc0_bn.weight").toDoubleArray();
            double[] beta = t.get("fc0_bn.bias").toDoubleArray();
            double[] rm = t.get("fc0_bn.running_mean").toDoubleArray();
            double[] rv = t.get("fc0_bn.running_var").toDoubleArray();
            double[] mean = new double[4];
            double[] var = new double[4];
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < n; i++) {
                    mean[c] += z[i * 4 + c] / n;
                }
                for (int i = 0; i < n; i++) {
                    var[c] += Math.pow(z[i * 4 + c] - mean[c], 2) / n;
                }
            }
            double[] expectedTrain = head(z, n, mean, var, gamma, beta, t);
            NDArray xs = m.create(x, new Shape(n, 3));
            assertArrayEquals(expectedTrain, Tensors.doubles(net.forward(xs, ForwardPass.training(1))), 1e-12);
            double[] rm1 = new double[4];
            double[] rv1 = new double[4];
            for (int c = 0; c < 4; c++) {
                rm1[c] = 0.9 * rm[c] + 0.1 * mean[c];
                rv1[c] = 0.9 * rv[c] + 0.1 * var[c] * n / (n - 1);
            }
            assertArrayEquals(rm1, Tensors.doubles(net.buffers().get("fc0_bn.running_mean")), 1e-14);
            assertArrayEquals(rv1, Tensors.doubles(net.buffers().get("fc0_bn.running_var")), 1e-14);
            double[] expectedEval = head(z, n, rm1, rv1, gamma, beta, t);
            double[] before = Tensors.doubles(net.buffers().get("fc0_bn.running_var"));
            assertArrayEquals(expectedEval, Tensors.doubles(net.forward(xs, ForwardPass.inference())), 1e-12);
            assertArrayEquals(before, Tensors.doubles(net.buffers().get("fc0_bn.running_var")), 0, "inference leaves the buffers alone");
        }
    }

    /** relu(gamma (z - mu) / sqrt(var + eps) + beta) through fc1. */
    private static double[] head(double[] z, int n, double[] mu, double[] var, double[] gamma, double[] beta, Map<String, TensorData> t) {
        double[] h = new double[z.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 4; c++) {
                h[i * 4 + c] = Math.max(0, gamma[c] * (z[i * 4 + c] - mu[c]) / Math.sqrt(var[c] + 1e-5) + beta[c]);
            }
        }
        return linear(h, n, t.get("fc1.weight").toDoubleArray(), t.get("fc1.bias").toDoubleArray(), 4, 2);
    }

    /** Reads the convolution's output (the batch norm's input). */
    private static final class ConvOutput extends ForwardPass {
        double[] z;

        ConvOutput(boolean training) {
            super(training, 0);
        }

        @Override
        public NDArray preActivation(LayerSpec.Weighted layer, NDArray a) {
            if (layer.name().equals("conv0")) {
                z = Tensors.doubles(a);
            }
            return a;
        }
    }

    @Test
    void convolutionStatisticsRunOverBatchAndSpace() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("cnn:1x4x4-c2k3-3:bn");
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(arch, 20);
        int n = 3;
        int hw = 4;
        try (Network net = Network.fromTensors(arch, Activation.TANH, 0, t, Precision.FLOAT64, "test");
             NDManager m = TensorEngine.newManager()) {
            NDArray xs = m.create(BatchNormFixtures.gaussian(n * 16, 5), new Shape(n, 16));
            ConvOutput probe = new ConvOutput(true);
            double[] logits = Tensors.doubles(net.forward(xs, probe));
            double[] gamma = t.get("conv0_bn.weight").toDoubleArray();
            double[] beta = t.get("conv0_bn.bias").toDoubleArray();
            double[] rv = t.get("conv0_bn.running_var").toDoubleArray();
            double[] h = new double[probe.z.length];
            for (int c = 0; c < 2; c++) {
                double mean = 0;
                double var = 0;
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < hw; s++) {
                        mean += probe.z[(i * 2 + c) * hw + s] / (n * hw);
                    }
                }
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < hw; s++) {
                        var += Math.pow(probe.z[(i * 2 + c) * hw + s] - mean, 2) / (n * hw);
                    }
                }
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < hw; s++) {
                        int k = (i * 2 + c) * hw + s;
                        h[k] = Math.tanh(gamma[c] * (probe.z[k] - mean) / Math.sqrt(var + 1e-5) + beta[c]);
                    }
                }
                double unbiased = var * (n * hw) / (n * hw - 1.0);
                assertEquals(0.9 * rv[c] + 0.1 * unbiased, Tensors.doubles(net.buffers().get("conv0_bn.running_var"))[c], 1e-14);
            }
            assertArrayEquals(linear(h, n, t.get("fc0.weight").toDoubleArray(), t.get("fc0.bias").toDoubleArray(), 8, 3), logits, 1e-12);
        }
    }

    @Test
    void architectureInsertsBatchNormAfterEveryHiddenLayer() {
        Architecture mlp = Architecture.parse("mlp:784-100-100-10:bn");
        assertTrue(mlp.batchNorm());
        assertTrue(mlp.bias());
        assertEquals(List.of("fc0.weight", "fc0.bias", "fc0_bn.weight", "fc0_bn.bias", "fc1.weight", "fc1.bias", "fc1_bn.weight",
                "fc1_bn.bias", "fc2.weight", "fc2.bias"), Network.parameterShapes(mlp).stream().map(Network.ParameterShape::name).toList());
        assertEquals(List.of("fc0_bn.running_mean", "fc0_bn.running_var", "fc1_bn.running_mean", "fc1_bn.running_var"),
                Network.bufferShapes(mlp).stream().map(Network.ParameterShape::name).toList());
        Architecture both = Architecture.parse("mlp:5-4-3:bn:nobias");
        assertFalse(both.bias());
        assertTrue(both.batchNorm());
        assertEquals(Network.parameterShapes(both).stream().map(Network.ParameterShape::name).toList(),
                Network.parameterShapes(Architecture.parse("mlp:5-4-3:nobias:bn")).stream().map(Network.ParameterShape::name).toList());
        Architecture cnn = Architecture.parse("cnn:1x28x28-c16k5p2-m2-c32k5p2-m2-100-10:bn");
        assertEquals(List.of("conv0_bn", "conv1_bn", "fc0_bn"), cnn.layers().stream()
                .filter(l -> l instanceof LayerSpec.BatchNorm).map(l -> ((LayerSpec.BatchNorm) l).name()).toList());
        assertThrows(GengeoException.class, () -> Architecture.parse("mlp:5-4-3:bn:bn"));
    }

    @Test
    void architecturesWithoutBatchNormAreUnchanged() {
        for (String spec : List.of("mlp:784-100-10", "mlp:5-4-3:nobias", "cnn:1x6x6-c2k3-m2-5-1")) {
            Architecture a = Architecture.parse(spec);
            assertFalse(a.batchNorm());
            assertTrue(Network.bufferShapes(a).isEmpty());
            try (Network net = Network.initialise(a, Activation.RELU, 0, Init.parse("torch"), 1, Precision.FLOAT32)) {
                assertEquals(net.parameters().keySet(), net.toTensors().keySet());
                assertTrue(net.buffers().isEmpty());
            }
        }
    }

    @Test
    void initialisationIsPyTorchsAndLeavesOtherWeightsAsWithoutBatchNorm() {
        TensorEngine.ensureStarted();
        try (Network bn = Network.initialise(Architecture.parse("mlp:6-5-3:bn"), Activation.RELU, 0, Init.parse("he"), 4, Precision.FLOAT64);
             Network plain = Network.initialise(Architecture.parse("mlp:6-5-3"), Activation.RELU, 0, Init.parse("he"), 4, Precision.FLOAT64)) {
            assertArrayEquals(new double[] {1, 1, 1, 1, 1}, Tensors.doubles(bn.parameters().get("fc0_bn.weight")));
            assertArrayEquals(new double[5], Tensors.doubles(bn.parameters().get("fc0_bn.bias")));
            assertArrayEquals(new double[5], Tensors.doubles(bn.buffers().get("fc0_bn.running_mean")));
            assertArrayEquals(new double[] {1, 1, 1, 1, 1}, Tensors.doubles(bn.buffers().get("fc0_bn.running_var")));
            assertArrayEquals(Tensors.doubles(plain.parameters().get("fc1.weight")), Tensors.doubles(bn.parameters().get("fc1.weight")));
            assertFalse(bn.parameters().containsKey("fc0_bn.running_var"), "buffers are not trained parameters");
        }
    }

    @Test
    void buffersRoundTripThroughTheModelFile() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("cnn:1x4x4-c2k3-3:bn");
        Path file = tmp.resolve("bn.safetensors");
        try (Network net = Network.fromTensors(arch, Activation.RELU, 0, BatchNormFixtures.randomTensors(arch, 3), Precision.FLOAT32, "test")) {
            NetworkFiles.save(file, net, "{}");
            try (Network back = NetworkFiles.load(file)) {
                for (Map.Entry<String, TensorData> e : net.toTensors().entrySet()) {
                    assertArrayEquals(e.getValue().data(), back.toTensors().get(e.getKey()).data(), e.getKey());
                }
                assertEquals(net.buffers().keySet(), back.buffers().keySet());
            }
        }
    }

    @Test
    void pyTorchsBatchCounterIsAcceptedAndAMissingBufferIsNamed() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("mlp:3-4-2:bn");
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(arch, 1);
        t.put("fc0_bn.num_batches_tracked", TensorData.ofDoubles(new long[0], new double[] {7}));
        Network.fromTensors(arch, Activation.RELU, 0, t, Precision.FLOAT64, "torch").close();
        t.remove("fc0_bn.running_var");
        GengeoException e = assertThrows(GengeoException.class, () -> Network.fromTensors(arch, Activation.RELU, 0, t,
                Precision.FLOAT64, "torch"));
        assertTrue(e.getMessage().contains("fc0_bn.running_var"), e.getMessage());
        Map<String, TensorData> stray = BatchNormFixtures.randomTensors(Architecture.parse("mlp:3-4-2"), 1);
        stray.put("fc0_bn.num_batches_tracked", TensorData.ofDoubles(new long[0], new double[] {7}));
        assertThrows(GengeoException.class, () -> Network.fromTensors(Architecture.parse("mlp:3-4-2"), Activation.RELU, 0, stray,
                Precision.FLOAT64, "torch"));
    }

    @Test
    void trainingOnOneExampleIsRefused() {
        TensorEngine.ensureStarted();
        try (Network net = Network.initialise(Architecture.parse("mlp:3-4-2:bn"), Activation.RELU, 0, Init.parse("he"), 1,
                Precision.FLOAT64); NDManager m = TensorEngine.newManager()) {
            GengeoException e = assertThrows(GengeoException.class,
                    () -> net.forward(m.create(new double[3], new Shape(1, 3)), ForwardPass.training(0)));
            assertTrue(e.getMessage().contains("more than one value per channel"), e.getMessage());
            assertEquals(1, net.forward(m.create(new double[3], new Shape(1, 3)), ForwardPass.inference()).getShape().get(0));
        }
    }
}
