package org.gengeo.margins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;

/** Normalised margins against hand computations and the rescaling invariances of a bias-free ReLU net. */
class MarginsTest {
    static Network network(String spec, Map<String, double[]> values) {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse(spec);
        Map<String, TensorData> t = new LinkedHashMap<>();
        for (Network.ParameterShape p : Network.parameterShapes(arch)) {
            t.put(p.name(), TensorData.ofDoubles(p.shape(), values.get(p.name())));
        }
        return Network.fromTensors(arch, Activation.RELU, 0, t, Precision.FLOAT64, "test");
    }

    static Dataset data(double[][] x, int[] y, int classes) {
        float[] f = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[0].length; k++) {
                f[i * x[0].length + k] = (float) x[i][k];
            }
        }
        return new Dataset("hand", new int[] {x[0].length}, f, y, classes);
    }

    static ExampleMargins margins(Network net, Dataset d, boolean bias) {
        try (NDManager m = TensorEngine.newManager()) {
            return Margins.of(net, new DeviceData(d, m, Precision.FLOAT64), bias);
        }
    }

    @Test
    void handBuiltNetworkWithoutBias() {
        // W0 = [[1, 0], [0, 2]], W1 = [[1, 0], [0, 1], [1, 1]]; ||W0||_F = sqrt 5, ||W1||_F = 2
        Map<String, double[]> w = Map.of("fc0.weight", new double[] {1, 0, 0, 2}, "fc1.weight", new double[] {1, 0, 0, 1, 1, 1});
        // x = (1, 1): h = (1, 2), f = (1, 2, 3). x = (3, -1): h = (3, 0), f = (3, 0, 3).
        Dataset d = data(new double[][] {{1, 1}, {1, 1}, {3, -1}}, new int[] {2, 0, 1}, 3);
        try (Network net = network("mlp:2-2-3:nobias", w)) {
            ExampleMargins m = margins(net, d, false);
            double[] raw = {3 - 2, 1 - 3, 0 - 3};
            assertArrayEquals(raw, m.raw(), 1e-12);
            assertEquals(Math.log(2 * Math.sqrt(5)), m.logNormProduct(), 1e-12);
            for (int i = 0; i < 3; i++) {
                assertEquals(raw[i] / (2 * Math.sqrt(5)), m.normalised()[i], 1e-12);
            }
        }
    }

    @Test
    void handBuiltNetworkWithAugmentedBias() {
        // b0 = (1, -1), b1 = (0, 0, 1): x = (1, 1) gives h = relu(2, 1) = (2, 1), f = (2, 1, 4)
        Map<String, double[]> w = Map.of("fc0.weight", new double[] {1, 0, 0, 2}, "fc0.bias", new double[] {1, -1},
                "fc1.weight", new double[] {1, 0, 0, 1, 1, 1}, "fc1.bias", new double[] {0, 0, 1});
        Dataset d = data(new double[][] {{1, 1}}, new int[] {0}, 3);
        try (Network net = network("mlp:2-2-3", w)) {
            ExampleMargins with = margins(net, d, true);
            assertEquals(2 - 4, with.raw()[0], 1e-12);
            // ||[W0 | b0]||_F = sqrt(5 + 2), ||[W1 | b1]||_F = sqrt(4 + 1)
            assertEquals(-2 / (Math.sqrt(7) * Math.sqrt(5)), with.normalised()[0], 1e-12);
            assertEquals(-2 / (Math.sqrt(5) * 2), margins(net, d, false).normalised()[0], 1e-12);
        }
    }

    @Test
    void oneOutputModelHasTheSignedLogitMargin() {
        Map<String, double[]> w = Map.of("fc0.weight", new double[] {1, -1});
        Dataset d = data(new double[][] {{2, 1}, {2, 1}, {0, 3}}, new int[] {1, 0, 0}, 2);
        try (Network net = network("mlp:2-1:nobias", w)) {
            ExampleMargins m = margins(net, d, false);
            assertArrayEquals(new double[] {1, -1, 3}, m.raw(), 1e-12);
            assertArrayEquals(new double[] {1 / Math.sqrt(2), -1 / Math.sqrt(2), 3 / Math.sqrt(2)}, m.normalised(), 1e-12);
        }
    }

    @Test
    void normalisedMarginIsInvariantToReluRescalingAndLastLayerScale() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("mlp:5-7-6-4:nobias");
        Dataset d = RandomData.gaussian(40, 5, 4, 3);
        try (Network net = Network.initialise(arch, Activation.RELU, 0, Init.parse("torch"), 9, Precision.FLOAT64)) {
            Map<String, double[]> w = new LinkedHashMap<>();
            net.toTensors().forEach((k, v) -> w.put(k, v.toDoubleArray()));
            ExampleMargins base = margins(net, d, false);
            double c = 3.7;
            try (Network shifted = network(arch.spec(), Map.of("fc0.weight", scaled(w.get("fc0.weight"), c),
                    "fc1.weight", scaled(w.get("fc1.weight"), 1 / c), "fc2.weight", w.get("fc2.weight")));
                 Network louder = network(arch.spec(), Map.of("fc0.weight", w.get("fc0.weight"),
                    "fc1.weight", w.get("fc1.weight"), "fc2.weight", scaled(w.get("fc2.weight"), 5)))) {
                ExampleMargins s = margins(shifted, d, false);
                ExampleMargins l = margins(louder, d, false);
                for (int i = 0; i < d.size(); i++) {
                    double tol = 1e-10 * Math.abs(base.raw()[i]) + 1e-13;
                    assertEquals(base.raw()[i], s.raw()[i], tol);
                    assertEquals(5 * base.raw()[i], l.raw()[i], 5 * tol);
                    assertEquals(base.normalised()[i], s.normalised()[i], 1e-10 * Math.abs(base.normalised()[i]) + 1e-14);
                    assertEquals(base.normalised()[i], l.normalised()[i], 1e-10 * Math.abs(base.normalised()[i]) + 1e-14);
                }
                // only the normalisation changes under c, 1/c: log rho moves by log(||cW0|| ||W1/c||) - log(...) = 0
                assertEquals(base.logNormProduct() + Math.log(5), l.logNormProduct(), 1e-12);
            }
        }
    }

    private static double[] scaled(double[] v, double c) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = c * v[i];
        }
        return out;
    }
}
