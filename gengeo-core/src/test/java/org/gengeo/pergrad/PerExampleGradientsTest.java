package org.gengeo.pergrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per-example gradient norms and coherence against a plain loop that runs one backward pass per
 * example and materialises every gradient (float64).
 */
class PerExampleGradientsTest {
    static Dataset data(int n, int d, int classes, long seed) {
        return RandomData.gaussian(n, d, classes, seed);
    }

    static Network net(String spec, String act) {
        TensorEngine.ensureStarted();
        return Network.initialise(Architecture.parse(spec), Activation.parse(act), 0, Init.parse("torch"), 5, Precision.FLOAT64);
    }

    /** Running means in [-0.5, 0.5] and variances in [0.5, 2], so that evaluation-mode batch norms are not the identity. */
    static void randomiseRunningStatistics(Network net) {
        java.util.Random r = new java.util.Random(3);
        net.buffers().forEach((name, b) -> {
            double[] v = new double[(int) b.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith("running_var") ? 0.5 + 1.5 * r.nextDouble() : r.nextDouble() - 0.5;
            }
            b.set(new ai.djl.ndarray.index.NDIndex(":"), b.getManager().create(v).toType(b.getDataType(), false));
        });
    }

    /** gradients[i][p] of example i's loss for parameter p, by one backward pass each. */
    static List<List<double[]>> loop(Network net, DeviceData data, Loss loss) {
        List<List<double[]>> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Batch b = data.slice(i, i + 1);
            Autograd.clear(net.parameterList());
            Autograd.backward(() -> loss.perExample(net.forward(b.x(), ForwardPass.inference()), b.y()).sum());
            List<double[]> g = new ArrayList<>();
            for (NDArray a : Autograd.gradients(net.parameterList())) {
                g.add(Tensors.doubles(a));
            }
            out.add(g);
        }
        Autograd.clear(net.parameterList());
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mlp:6-5-3, tanh", "mlp:6-7-4-1, relu", "mlp:6-5-3:nobias, tanh", "cnn:1x4x4-c2k3p1-m2-5-3, tanh",
        "mlp:6-5-4-3:bn, tanh", "cnn:1x4x4-c2k3p1-m2-5-3:bn, relu", "cnn:2x7x7-c3k3s2p1-c4k1-3, tanh",
        "resnet8:w=2:in=2x6x6:classes=3, tanh", "nin:d=2:w=3:in=1x6x6:classes=3, relu", "vgg11_bn:w=2:hidden=5:classes=3, tanh"})
    void normsAndSumsMatchALoopOverExamples(String spec, String act) {
        Architecture arch = Architecture.parse(spec);
        int classes = Math.max(2, arch.outputs());
        try (Network net = net(spec, act); NDManager m = TensorEngine.newManager()) {
            randomiseRunningStatistics(net);
            DeviceData data = new DeviceData(data(12, arch.inputSize(), classes, 1), m, Precision.FLOAT64);
            Loss loss = Loss.forOutputs(arch.outputs());
            PerExampleNorms n = PerExampleGradients.compute(net, data.slice(0, 12), loss);
            List<List<double[]>> g = loop(net, data, loss);
            for (int p = 0; p < n.names().size(); p++) {
                double[] sum = new double[g.get(0).get(p).length];
                for (int i = 0; i < 12; i++) {
                    double[] gi = g.get(i).get(p);
                    double sq = 0;
                    for (int k = 0; k < gi.length; k++) {
                        sq += gi[k] * gi[k];
                        sum[k] += gi[k];
                    }
                    assertEquals(sq, n.squaredNorms()[p][i], 1e-10 * Math.max(sq, 1e-6), n.names().get(p) + " example " + i);
                }
                assertArrayEquals(sum, n.sums().get(p), 1e-10, n.names().get(p));
            }
            assertEquals(List.of(), n.loopedParameters(), "every layer type here has batched per-example gradients");
        }
    }

    @Test
    void coherenceMatchesTheMaterialisedGradientsAndIsChunkInvariant() {
        try (Network net = net("mlp:6-5-3", "tanh"); NDManager m = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(data(30, 6, 3, 2), m, Precision.FLOAT64);
            List<List<double[]>> g = loop(net, data, Loss.CROSS_ENTROPY);
            double s2 = 0;
            double q = 0;
            for (int p = 0; p < g.get(0).size(); p++) {
                double[] sum = new double[g.get(0).get(p).length];
                for (List<double[]> gi : g) {
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] += gi.get(p)[k];
                        q += gi.get(p)[k] * gi.get(p)[k];
                    }
                }
                for (double v : sum) {
                    s2 += v * v;
                }
            }
            Coherence.Result whole = Coherence.of(net, data, Loss.CROSS_ENTROPY, 30);
            Coherence.Result chunked = Coherence.of(net, data, Loss.CROSS_ENTROPY, 7);
            assertEquals(s2 / q, whole.total().mCoherence(), 1e-10 * s2 / q);
            assertEquals(whole.total().mCoherence(), chunked.total().mCoherence(), 1e-10 * s2 / q);
            assertEquals(whole.total().mCoherence() / 30, whole.total().alpha(), 1e-15);
            double weights = 0;
            double weighted = 0;
            for (Coherence.Value v : whole.layers().values()) {
                weights += v.weight();
                weighted += v.weight() * v.alpha();
            }
            assertEquals(1, weights, 1e-12);
            assertEquals(whole.total().alpha(), weighted, 1e-12, "alpha = sum_l f_l alpha_l");
        }
    }

    /** S and Q of examples [from, to) from the loop's gradients. */
    private static double[] sumAndSquares(List<List<double[]>> g, int from, int to, double[] s) {
        double q = 0;
        int offset = 0;
        for (int p = 0; p < g.get(0).size(); p++) {
            for (int i = from; i < to; i++) {
                double[] gi = g.get(i).get(p);
                for (int k = 0; k < gi.length; k++) {
                    s[offset + k] += gi[k];
                    q += gi[k] * gi[k];
                }
            }
            offset += g.get(0).get(p).length;
        }
        return new double[] {q};
    }

    @Test
    void groupSharesOfTheStepMatchTheLoopAndSumToOne() {
        Dataset set = data(30, 6, 3, 4);
        try (Network net = net("mlp:6-5-3", "tanh"); NDManager m = TensorEngine.newManager()) {
            DeviceData all = new DeviceData(set, m, Precision.FLOAT64);
            List<List<double[]>> g = loop(net, all, Loss.CROSS_ENTROPY);
            int n = (int) net.parameterList().stream().mapToLong(NDArray::size).sum();
            double[] sa = new double[n];
            double[] sb = new double[n];
            double qa = sumAndSquares(g, 0, 12, sa)[0];
            sumAndSquares(g, 12, 30, sb);
            double dotA = 0;
            double norm2 = 0;
            double sa2 = 0;
            for (int k = 0; k < n; k++) {
                double s = sa[k] + sb[k];
                dotA += s * sa[k];
                norm2 += s * s;
                sa2 += sa[k] * sa[k];
            }
            java.util.Map<String, DeviceData> groups = new java.util.LinkedHashMap<>();
            groups.put("a", new DeviceData(set.select(java.util.stream.IntStream.range(0, 12).toArray()), m, Precision.FLOAT64));
            groups.put("b", new DeviceData(set.select(java.util.stream.IntStream.range(12, 30).toArray()), m, Precision.FLOAT64));
            Coherence.GroupResult r = Coherence.byGroup(net, groups, Loss.CROSS_ENTROPY, 5);
            assertEquals(dotA / norm2, r.groups().get("a").stepShare(), 1e-10);
            assertEquals(1, r.groups().get("a").stepShare() + r.groups().get("b").stepShare(), 1e-12);
            assertEquals(sa2 / qa, r.groups().get("a").coherence().mCoherence(), 1e-10 * sa2 / qa);
            assertEquals(12, r.groups().get("a").examples());
            assertEquals(Coherence.of(net, all, Loss.CROSS_ENTROPY, 30).total().mCoherence(), r.all().total().mCoherence(), 1e-9);
            assertEquals(30, r.all().examples());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp:6-5-3", "cnn:1x4x4-c2k3p1-m2-5-3"})
    void alignmentWithTheMeanGradientMatchesTheLoop(String spec) {
        Architecture arch = Architecture.parse(spec);
        try (Network net = net(spec, "tanh"); NDManager m = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(data(14, arch.inputSize(), 3, 6), m, Precision.FLOAT64);
            List<List<double[]>> g = loop(net, data, Loss.CROSS_ENTROPY);
            int n = g.get(0).stream().mapToInt(a -> a.length).sum();
            double[][] flat = new double[14][n];
            double[] s = new double[n];
            for (int i = 0; i < 14; i++) {
                int off = 0;
                for (double[] part : g.get(i)) {
                    System.arraycopy(part, 0, flat[i], off, part.length);
                    off += part.length;
                }
                for (int k = 0; k < n; k++) {
                    s[k] += flat[i][k];
                }
            }
            double[] cos = GradientAlignment.withMean(net, data, Loss.CROSS_ENTROPY, 4);
            for (int i = 0; i < 14; i++) {
                double dot = 0;
                double gi = 0;
                double ss = 0;
                for (int k = 0; k < n; k++) {
                    dot += flat[i][k] * s[k];
                    gi += flat[i][k] * flat[i][k];
                    ss += s[k] * s[k];
                }
                assertEquals(dot / Math.sqrt(gi * ss), cos[i], 1e-10, "example " + i);
            }
        }
    }

    @Test
    void identicalExamplesHaveFullCoherence() {
        Dataset one = data(1, 6, 3, 3);
        int m = 16;
        float[] x = new float[m * 6];
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(one.features(), 0, x, i * 6, 6);
            y[i] = one.labels()[0];
        }
        try (Network net = net("mlp:6-5-3", "relu"); NDManager mm = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(new Dataset("same", new int[] {6}, x, y, 3), mm, Precision.FLOAT64);
            Coherence.Result r = Coherence.of(net, data, Loss.CROSS_ENTROPY, 5);
            assertEquals(m, r.total().mCoherence(), 1e-9);
            assertEquals(1, r.total().alpha(), 1e-12);
        }
    }
}
