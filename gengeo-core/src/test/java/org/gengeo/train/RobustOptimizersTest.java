package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.io.TensorData;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Winsorised SGD and the median-of-three family against explicit reference computations (float64). */
class RobustOptimizersTest {
    @TempDir
    Path tmp;

    static Dataset data(int n, long seed) {
        return RandomData.gaussian(n, 6, 3, seed);
    }

    static Network net() {
        TensorEngine.ensureStarted();
        return Network.initialise(Architecture.parse("mlp:6-5-3"), Activation.TANH, 0, Init.parse("torch"), 2, Precision.FLOAT64);
    }

    static TrainConfig config(String opt, double winsor) {
        return TrainConfig.defaults().with(Map.of("opt", opt, "winsor", winsor, "lr", 0.1, "momentum", 0.0)).validate();
    }

    /** Mean-loss gradient of the examples [from, to), one array per parameter, flattened. */
    static List<double[]> gradient(Network net, Batch b) {
        Autograd.clear(net.parameterList());
        Autograd.backward(() -> Loss.CROSS_ENTROPY.mean(net.forward(b.x(), ForwardPass.inference()), b.y()));
        List<double[]> g = new ArrayList<>();
        for (NDArray a : Autograd.gradients(net.parameterList())) {
            g.add(Tensors.doubles(a));
        }
        Autograd.clear(net.parameterList());
        return g;
    }

    static List<double[]> values(Network net) {
        List<double[]> v = new ArrayList<>();
        for (NDArray p : net.parameterList()) {
            v.add(Tensors.doubles(p));
        }
        return v;
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(doubles = {0, 4, 10, 25})
    void winsorisedStepClipsEachCoordinateToItsOrderStatistics(double level) {
        int m = 20;
        try (Network net = net(); NDManager mm = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(data(m, 1), mm, Precision.FLOAT64);
            List<double[]> before = values(net);
            List<List<double[]>> perExample = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                perExample.add(gradient(net, data.slice(i, i + 1)));
            }
            List<double[]> plain = gradient(net, data.slice(0, m));
            TrainConfig c = config("winsorized", level);
            Optimizer opt = Optimizers.create(c, net);
            GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, WeightDecay.of(c, net), 0, data);
            opt.step(net.parameterList(), data.slice(0, m), oracle, 0.1);
            int k = (int) Math.floor(level * m / 100);
            List<double[]> after = values(net);
            for (int p = 0; p < before.size(); p++) {
                for (int j = 0; j < before.get(p).length; j++) {
                    double[] col = new double[m];
                    for (int i = 0; i < m; i++) {
                        col[i] = perExample.get(i).get(p)[j];
                    }
                    double[] sorted = col.clone();
                    Arrays.sort(sorted);
                    double lo = sorted[k];
                    double hi = sorted[m - 1 - k];
                    double mean = 0;
                    for (double v : col) {
                        mean += Math.min(hi, Math.max(lo, v)) / m;
                    }
                    assertEquals(before.get(p)[j] - 0.1 * mean, after.get(p)[j], 1e-13);
                    if (level == 0) {
                        assertEquals(before.get(p)[j] - 0.1 * plain.get(p)[j], after.get(p)[j], 1e-13, "c = 0 is plain SGD");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"m3", "rm3", "ra3"})
    void threeBatchStepsCombineTheThreeGradientsCoordinateWise(String mode) {
        int m = 12;
        try (Network net = net(); NDManager mm = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(data(60, 2), mm, Precision.FLOAT64);
            TrainConfig c = config(mode, 0);
            GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, WeightDecay.of(c, net), 5, data);
            oracle.atStep(3);
            Batch batch = data.slice(0, m);
            List<Batch> three = mode.equals("m3")
                    ? List.of(data.slice(0, 4), data.slice(4, 8), data.slice(8, 12))
                    : List.of(batch, oracle.randomBatch(m, 1), oracle.randomBatch(m, 2));
            List<List<double[]>> g = new ArrayList<>();
            for (Batch b : three) {
                g.add(gradient(net, b));
            }
            List<double[]> before = values(net);
            Optimizers.create(c, net).step(net.parameterList(), batch, oracle, 0.1);
            List<double[]> after = values(net);
            for (int p = 0; p < before.size(); p++) {
                for (int j = 0; j < before.get(p).length; j++) {
                    double[] v = {g.get(0).get(p)[j], g.get(1).get(p)[j], g.get(2).get(p)[j]};
                    Arrays.sort(v);
                    double combined = mode.equals("ra3") ? (v[0] + v[1] + v[2]) / 3 : v[1];
                    assertEquals(before.get(p)[j] - 0.1 * combined, after.get(p)[j], 1e-13, mode + " " + p + "," + j);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"winsorized", "m3", "rm3"})
    void trainingWithRobustOptimisersLearnsAndResumes(String opt) {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 300, "test-size", 200,
                "model", "mlp:20-16-10", "epochs", 4, "batch", 30, "threads", 1))
                .with(Map.of("opt", opt, "winsor", 4.0, "lr", 0.1, "momentum", 0.0));
        RunRecord r = Trainer.train(config, tmp.resolve(opt), "test", TrainingListener.NONE);
        List<MetricsLine> lines = RunDirectory.open(tmp.resolve(opt)).readMetrics();
        assertTrue(r.last().trainLoss() < lines.get(0).trainLoss() * 0.7, "loss " + lines.get(0).trainLoss() + " -> " + r.last().trainLoss());
        Path crashed = tmp.resolve(opt + "-crashed");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Trainer.train(config, crashed, "test", new TrainingRunsTest.Crash(25, false)));
        Trainer.resume(crashed, "test", TrainingListener.NONE);
        Map<String, TensorData> a = TrainingRunsTest.weights(tmp.resolve(opt));
        Map<String, TensorData> b = TrainingRunsTest.weights(crashed);
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
        }
    }
}
