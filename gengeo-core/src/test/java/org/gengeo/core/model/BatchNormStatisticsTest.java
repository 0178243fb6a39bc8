package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;

/**
 * Re-estimated running statistics against the population mean and unbiased variance of each batch
 * norm's input computed by hand, layer by layer (the second layer's input through the first batch
 * norm on its re-estimated statistics), over chunks that do not divide the data.
 */
class BatchNormStatisticsTest {
    /** Per-channel mean and unbiased variance of v laid out [n, channels, positions]. */
    private static double[][] moments(double[] v, int channels, int positions) {
        double[] mean = new double[channels];
        double[] var = new double[channels];
        int count = v.length / channels;
        for (int i = 0; i < v.length; i++) {
            mean[i / positions % channels] += v[i] / count;
        }
        for (int i = 0; i < v.length; i++) {
            int c = i / positions % channels;
            var[c] += Math.pow(v[i] - mean[c], 2) / (count - 1);
        }
        return new double[][] {mean, var};
    }

    @Test
    void mlpStatisticsAreThePopulationMomentsLayerByLayer() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("mlp:3-4-3-2:bn");
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(arch, 30);
        Dataset data = RandomData.gaussian(11, 3, 2, 4);
        double[] x = new double[33];
        for (int i = 0; i < x.length; i++) {
            x[i] = data.features()[i];
        }
        try (Network net = Network.fromTensors(arch, Activation.RELU, 0, t, Precision.FLOAT64, "test");
             NDManager m = TensorEngine.newManager()) {
            BatchNormStatistics.reestimate(net, new DeviceData(data, m, Precision.FLOAT64), 4);
            double[] z0 = BatchNormTest.linear(x, 11, t.get("fc0.weight").toDoubleArray(), t.get("fc0.bias").toDoubleArray(), 3, 4);
            double[][] s0 = moments(z0, 4, 1);
            assertArrayEquals(s0[0], Tensors.doubles(net.buffers().get("fc0_bn.running_mean")), 1e-12);
            assertArrayEquals(s0[1], Tensors.doubles(net.buffers().get("fc0_bn.running_var")), 1e-12);
            double[] gamma = t.get("fc0_bn.weight").toDoubleArray();
            double[] beta = t.get("fc0_bn.bias").toDoubleArray();
            double[] h = new double[z0.length];
            for (int i = 0; i < h.length; i++) {
                int c = i % 4;
                h[i] = Math.max(0, gamma[c] * (z0[i] - s0[0][c]) / Math.sqrt(s0[1][c] + BatchNorm.EPS) + beta[c]);
            }
            double[][] s1 = moments(BatchNormTest.linear(h, 11, t.get("fc1.weight").toDoubleArray(), t.get("fc1.bias").toDoubleArray(), 4, 3),
                    3, 1);
            assertArrayEquals(s1[0], Tensors.doubles(net.buffers().get("fc1_bn.running_mean")), 1e-12);
            assertArrayEquals(s1[1], Tensors.doubles(net.buffers().get("fc1_bn.running_var")), 1e-12);
        }
    }

    @Test
    void convolutionStatisticsRunOverExamplesAndPositions() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("cnn:1x4x4-c3k3-2:bn");
        Dataset data = RandomData.gaussian(7, 16, 2, 5);
        try (Network net = Network.fromTensors(arch, Activation.TANH, 0, BatchNormFixtures.randomTensors(arch, 40), Precision.FLOAT64,
                "test"); NDManager m = TensorEngine.newManager()) {
            DeviceData device = new DeviceData(data, m, Precision.FLOAT64);
            double[][] z = new double[1][];
            net.forward(device.slice(0, 7).x(), new ForwardPass(false, 0) {
                @Override
                public NDArray preActivation(LayerSpec.Weighted layer, NDArray a) {
                    if (layer.name().equals("conv0")) {
                        z[0] = Tensors.doubles(a);
                    }
                    return a;
                }
            });
            BatchNormStatistics.reestimate(net, device, 3);
            double[][] s = moments(z[0], 3, 4);
            assertArrayEquals(s[0], Tensors.doubles(net.buffers().get("conv0_bn.running_mean")), 1e-12);
            assertArrayEquals(s[1], Tensors.doubles(net.buffers().get("conv0_bn.running_var")), 1e-12);
        }
    }
}
