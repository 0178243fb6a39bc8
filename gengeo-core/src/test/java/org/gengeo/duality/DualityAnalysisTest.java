package org.gengeo.duality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.curvature.DenseHessian;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.ParameterBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The duality relation, the loss transfer, the exact identity, the closed-form layer Hessian and
 * the rescaling invariance, each checked against an independent computation.
 */
class DualityAnalysisTest {
    static Network net(String spec, String act, long seed) {
        TensorEngine.ensureStarted();
        return Network.initialise(Architecture.parse(spec), Activation.parse(act), 0, Init.parse("torch").scaled(2), seed, Precision.FLOAT64);
    }

    static Dataset data(Architecture arch, int n, long seed) {
        return RandomData.gaussian(n, arch.inputSize(), Math.max(2, arch.outputs()), seed);
    }

    static double[] randn(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Test
    void dualWeightsReproduceTheTestActivityWithLeastNorm() {
        SplittableRandom rng = new SplittableRandom(1);
        int m = 7;
        int d = 5;
        double[] w = randn(m * d, rng);
        double[] a = randn(d, rng);
        double[] a2 = randn(d, rng);
        double[] dw = DualWeights.of(w, m, d, a, a2, false);
        double wda2 = 0;
        for (int i = 0; i < m; i++) {
            double lhs = 0;
            double rhs = 0;
            for (int j = 0; j < d; j++) {
                lhs += (w[i * d + j] + dw[i * d + j]) * a[j];
                rhs += w[i * d + j] * a2[j];
            }
            assertEquals(rhs, lhs, 1e-12 * (1 + Math.abs(rhs)));
            double u = rhs;
            for (int j = 0; j < d; j++) {
                u -= w[i * d + j] * a[j];
            }
            wda2 += u * u;
        }
        double a2norm = 0;
        for (double v : a) {
            a2norm += v * v;
        }
        double norm2 = 0;
        for (double v : dw) {
            norm2 += v * v;
        }
        assertEquals(wda2 / a2norm, norm2, 1e-12 * norm2, "|dW*|_F = |W da| / |a|");
        // another member of the family, (W da) b^T / (b^T a), solves the same equation with a larger norm
        double[] b = randn(d, rng);
        double ba = 0;
        double bb = 0;
        for (int j = 0; j < d; j++) {
            ba += b[j] * a[j];
            bb += b[j] * b[j];
        }
        assertTrue(wda2 * bb / (ba * ba) > norm2);
        // augmented: [W | b] [a; 1] moves to [W | b] [a'; 1]
        double[] aug = DualWeights.of(w, m, d, a, a2, true);
        for (int i = 0; i < m; i++) {
            double change = aug[m * d + i];
            double rhs = 0;
            for (int j = 0; j < d; j++) {
                change += aug[i * d + j] * a[j];
                rhs += w[i * d + j] * (a2[j] - a[j]);
            }
            assertEquals(rhs, change, 1e-12 * (1 + Math.abs(rhs)));
        }
    }

    @ParameterizedTest(name = "{0} layer {1} augmented {2}")
    @CsvSource({
        "mlp:6-5-4-3:nobias, 1, false",
        "mlp:6-5-4-3, 0, true",
        "mlp:6-5-4-1, 2, false",
        "cnn:1x5x5-c2k3p1-m2-4-3, 0, true",
    })
    void theTestLossEqualsTheTrainLossAtTheDualWeights(String spec, int layer, boolean augmented) {
        Architecture arch = Architecture.parse(spec);
        try (Network net = net(spec, "relu", 3); NDManager mem = TensorEngine.newManager()) {
            Dataset train = data(arch, 40, 1);
            Dataset test = data(arch, 20, 2);
            LayerTrace tr = LayerTrace.of(net, train, layer, 7);
            LayerTrace te = LayerTrace.of(net, test, layer, 7);
            Pairs pairs = SameClassNeighbours.nearest(test.features(), test.labels(), train.features(), train.labels(), train.featureSize(), 1);
            String wName = "fc" + layer + ".weight";
            double[] w = Tensors.doubles(net.parameters().get(wName));
            int m = arch.denseLayers().get(layer).out();
            int d = tr.inputDim();
            DeviceData trainDevice = new DeviceData(train, mem, Precision.FLOAT64);
            Loss loss = Loss.forOutputs(arch.outputs());
            int checked = 0;
            for (int p = 0; p < 8; p++) {
                int i = pairs.train()[p];
                int k = pairs.test()[p];
                assertEquals(train.labels()[i], test.labels()[k]);
                double[] dw = new double[w.length + (augmented ? m : 0)];
                if (Double.isNaN(DualWeights.write(w, m, d, tr.input(i), te.input(k), augmented, dw, 0))) {
                    continue; // every unit below is dead for the training example: no dual weights exist
                }
                Map<String, NDArray> values = new LinkedHashMap<>(net.parameters());
                double[] moved = w.clone();
                for (int q = 0; q < w.length; q++) {
                    moved[q] += dw[q];
                }
                values.put(wName, mem.create(moved, net.parameters().get(wName).getShape()));
                if (augmented) {
                    double[] bias = Tensors.doubles(net.parameters().get("fc" + layer + ".bias"));
                    for (int q = 0; q < m; q++) {
                        bias[q] += dw[m * d + q];
                    }
                    values.put("fc" + layer + ".bias", mem.create(bias, net.parameters().get("fc" + layer + ".bias").getShape()));
                }
                var batch = trainDevice.gather(new long[] {i});
                double atDual = Tensors.scalar(loss.perExample(net.forward(batch.x(), ForwardPass.inference(), values), batch.y()));
                assertEquals(te.losses()[k], atDual, 1e-11 * (1 + te.losses()[k]), "pair " + p);
                checked++;
            }
            assertTrue(checked >= 5, checked + " pairs checked");
        }
    }

    @ParameterizedTest(name = "{0} hessian {1} space {2} k {3} all {4}")
    @CsvSource({
        "mlp:6-9-8-3:nobias, closed-form, input, 1, false",
        "mlp:6-9-8-3, autograd, hidden, 2, false",
        "mlp:6-9-8-3:nobias, lanczos, input, 1, true",
    })
    void theExactIdentityEqualsTheMeanLossChange(String spec, String hessian, String space, int k, boolean all) {
        Architecture arch = Architecture.parse(spec);
        try (Network net = net(spec, "relu", 4)) {
            DualityOptions o = new DualityOptions("fc1", false, space, k, all, hessian, 6, 2500, 3, 16, 0);
            DualityResult r = DualityAnalysis.run(net, data(arch, 60, 5), data(arch, 30, 6), o, "test", Provenance.current("test"), 0);
            assertEquals(r.meanDl(), r.identity().total(), 1e-10 * (1 + Math.abs(r.meanDl())), r.identity().toString());
            assertEquals(0, r.skippedPairs());
            if (!all) {
                assertEquals(r.testLoss() - r.pairedTrainLoss(), r.meanDl(), 1e-12, "with the k nearest every test example appears k times");
            }
            assertEquals(hessian.equals("lanczos") ? 6 : 72, r.directions().h().length);
            assertEquals(hessian.equals("lanczos"), r.identity().remainder() != 0);
            assertEquals(all ? 30 * 60 / 3 : 30 * k, r.pairs(), 30 * 60 / 3 * 0.5);
            assertEquals(r.splitBySigmaG().sharpTotal() + r.splitBySigmaG().flatTotal(), r.identity().total(), 1e-12);
        }
    }

    @ParameterizedTest(name = "{0} layer {1} augmented {2}")
    @CsvSource({
        "mlp:6-5-4-3:nobias, 1, false",
        "mlp:6-5-4-3, 0, true",
        "mlp:6-5-4-1, 1, false",
        "cnn:1x5x5-c2k3p1-m2-4-3, 0, true",
    })
    void theClosedFormLayerHessianEqualsTheCurvatureEnginesDenseBlock(String spec, int layer, boolean augmented) {
        Architecture arch = Architecture.parse(spec);
        try (Network net = net(spec, "relu", 5); NDManager mem = TensorEngine.newManager()) {
            Dataset train = data(arch, 50, 7);
            double[][] closed = ReluLayerHessian.of(net, LayerTrace.of(net, train, layer, 11), augmented);
            List<String> block = augmented ? List.of("fc" + layer + ".weight", "fc" + layer + ".bias") : List.of("fc" + layer + ".weight");
            double[][] dense;
            try (HessianOperator op = new HessianOperator(net, new DeviceData(train, mem, Precision.FLOAT64), Loss.forOutputs(arch.outputs()),
                    ParameterBlock.of(net, block), 13)) {
                dense = DenseHessian.of(op).matrix();
            }
            double scale = 0;
            for (double[] row : dense) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            assertTrue(scale > 1e-3, "a non-trivial Hessian");
            for (int i = 0; i < dense.length; i++) {
                assertArrayEquals(dense[i], closed[i], 1e-10 * scale, "row " + i);
            }
        }
    }

    @Test
    void rescalingAdjacentReluLayersLeavesHTimesSigmaSquaredUnchanged() {
        String spec = "mlp:6-8-7-3:nobias";
        Architecture arch = Architecture.parse(spec);
        double c = 3;
        try (Network net = net(spec, "relu", 6)) {
            Map<String, TensorData> tensors = new LinkedHashMap<>(net.toTensors());
            tensors.put("fc1.weight", scaled(tensors.get("fc1.weight"), c));
            tensors.put("fc2.weight", scaled(tensors.get("fc2.weight"), 1 / c));
            try (Network rescaled = Network.fromTensors(arch, Activation.RELU, 0, tensors, Precision.FLOAT64, "rescaled")) {
                Dataset train = data(arch, 200, 8);
                Dataset test = data(arch, 80, 9);
                DualityOptions o = DualityOptions.defaults();
                DualityResult a = DualityAnalysis.run(net, train, test, o, "a", Provenance.current("a"), 0);
                DualityResult b = DualityAnalysis.run(rescaled, train, test, o, "b", Provenance.current("b"), 0);
                assertEquals(a.testLoss(), b.testLoss(), 1e-12, "the same function");
                double[] ha = a.directions().h();
                double[] hb = b.directions().h();
                double top = ha[0] * a.directions().sigmaW()[0] * a.directions().sigmaW()[0];
                for (int n = 0; n < ha.length; n++) {
                    assertEquals(ha[n] / (c * c), hb[n], 1e-9 * ha[0]);
                    double pa = ha[n] * a.directions().sigmaW()[n] * a.directions().sigmaW()[n];
                    double pb = hb[n] * b.directions().sigmaW()[n] * b.directions().sigmaW()[n];
                    assertEquals(pa, pb, 1e-8 * Math.abs(top), "direction " + n);
                }
                assertEquals(c * c * a.size().sumSigmaW2(), b.size().sumSigmaW2(), 1e-9 * b.size().sumSigmaW2(), "raw size is not invariant");
                assertEquals(a.secondOrder().full(), b.secondOrder().full(), 1e-9 * Math.abs(a.secondOrder().full()));
            }
        }
    }

    private static TensorData scaled(TensorData t, double c) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= c;
        }
        return TensorData.ofDoubles(t.shape(), v);
    }
}
