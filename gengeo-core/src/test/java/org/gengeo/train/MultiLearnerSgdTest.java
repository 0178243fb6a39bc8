package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Centralised and decentralised multi-learner SGD against plain SGD and the explicit mixing matrix (float64). */
class MultiLearnerSgdTest {
    private static final WeightDecay NO_DECAY = new WeightDecay(0, WeightDecay.Mode.L2);
    private static final double LR = 0.3;

    @TempDir
    Path tmp;

    /** Runs {@code steps} updates of {@code opt} on the batches and returns the final weights and the losses. */
    private static List<double[]> train(Optimizer opt, Network net, List<Batch> batches, double[] losses) {
        GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, NO_DECAY, 0, null);
        for (int s = 0; s < batches.size(); s++) {
            oracle.atStep(s);
            losses[s] = opt.step(net.parameterList(), batches.get(s), oracle, LR);
        }
        return RobustOptimizersTest.values(net);
    }

    @ParameterizedTest(name = "{0} learners, {1} examples per step")
    @CsvSource({"4, 40", "3, 10", "5, 3"})
    void allReduceEqualsSgdOnTheUnionOfTheMinibatches(int learners, int perStep) {
        try (NDManager m = TensorEngine.newManager(); Network a = RobustOptimizersTest.net(); Network b = RobustOptimizersTest.net()) {
            DeviceData data = new DeviceData(RobustOptimizersTest.data(3 * perStep, 7), m, Precision.FLOAT64);
            List<Batch> batches = List.of(data.slice(0, perStep), data.slice(perStep, 2 * perStep), data.slice(2 * perStep, 3 * perStep));
            double[] la = new double[3];
            double[] lb = new double[3];
            List<double[]> multi = train(new MultiLearnerSgd(a, learners, MultiLearnerSgd.Topology.ALL_REDUCE, NO_DECAY), a, batches, la);
            List<double[]> sgd = train(new Sgd(b, 0, false, NO_DECAY), b, batches, lb);
            for (int i = 0; i < sgd.size(); i++) {
                assertArrayEquals(sgd.get(i), multi.get(i), 1e-14, "parameter " + i);
            }
            assertArrayEquals(lb, la, 1e-14);
        }
    }

    @Test
    void ringWithIdenticalMinibatchesIsPlainSgdBitForBit() {
        int learners = 4;
        int batch = 6;
        try (NDManager m = TensorEngine.newManager(); Network a = RobustOptimizersTest.net(); Network b = RobustOptimizersTest.net()) {
            DeviceData data = new DeviceData(RobustOptimizersTest.data(3 * batch, 8), m, Precision.FLOAT64);
            List<Batch> own = new ArrayList<>();
            List<Batch> repeated = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                long[] idx = new long[learners * batch];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = s * batch + k % batch;
                }
                own.add(data.slice(s * batch, (s + 1) * batch));
                repeated.add(data.gather(idx));
            }
            double[] la = new double[3];
            double[] lb = new double[3];
            List<double[]> ring = train(new MultiLearnerSgd(a, learners, MultiLearnerSgd.Topology.RING, NO_DECAY), a, repeated, la);
            List<double[]> sgd = train(new Sgd(b, 0, false, NO_DECAY), b, own, lb);
            for (int i = 0; i < sgd.size(); i++) {
                assertArrayEquals(sgd.get(i), ring.get(i), 0.0, "parameter " + i);
            }
            assertArrayEquals(lb, la, 1e-15);
        }
    }

    @Test
    void ringMatchesSeparateLearnersMixedByTheExplicitMatrix() {
        int learners = 5; // from 4 on a ring is not the complete graph (with 3 every learner mixes with all)
        int batch = 4;
        int steps = 3;
        try (NDManager m = TensorEngine.newManager(); Network net = RobustOptimizersTest.net()) {
            DeviceData data = new DeviceData(RobustOptimizersTest.data(steps * learners * batch, 9), m, Precision.FLOAT64);
            List<Batch> batches = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                batches.add(data.slice(s * learners * batch, (s + 1) * learners * batch));
            }
            List<double[]> ring = train(new MultiLearnerSgd(net, learners, MultiLearnerSgd.Topology.RING, NO_DECAY), net,
                    batches, new double[steps]);
            // reference: one network per learner, plain SGD on its slice, then w_l <- (w_{l-1} + w_l + w_{l+1}) / 3
            List<Network> nets = new ArrayList<>();
            for (int l = 0; l < learners; l++) {
                nets.add(RobustOptimizersTest.net());
            }
            for (int s = 0; s < steps; s++) {
                List<List<double[]>> stepped = new ArrayList<>();
                for (int l = 0; l < learners; l++) {
                    Network n = nets.get(l);
                    GradientOracle oracle = new GradientOracle(n, Loss.CROSS_ENTROPY, NO_DECAY, 0, null);
                    oracle.atStep(s);
                    int from = s * learners * batch + l * batch;
                    new Sgd(n, 0, false, NO_DECAY).step(n.parameterList(), data.slice(from, from + batch), oracle, LR);
                    stepped.add(RobustOptimizersTest.values(n));
                }
                for (int l = 0; l < learners; l++) {
                    List<NDArray> params = nets.get(l).parameterList();
                    for (int i = 0; i < params.size(); i++) {
                        double[] w = new double[stepped.get(l).get(i).length];
                        for (int k = 0; k < w.length; k++) {
                            w[k] = (stepped.get((l + learners - 1) % learners).get(i)[k] + stepped.get(l).get(i)[k]
                                    + stepped.get((l + 1) % learners).get(i)[k]) / 3;
                        }
                        params.get(i).set(m.create(w, params.get(i).getShape()).toByteBuffer());
                    }
                }
            }
            for (int i = 0; i < ring.size(); i++) {
                double[] mean = new double[ring.get(i).length];
                for (Network n : nets) {
                    double[] w = Tensors.doubles(n.parameterList().get(i));
                    for (int k = 0; k < mean.length; k++) {
                        mean[k] += w[k] / learners;
                    }
                }
                assertArrayEquals(mean, ring.get(i), 1e-14, "parameter " + i);
            }
            nets.forEach(Network::close);
        }
    }

    /** Random arrays [learner][parameter] of the shapes 3 and 2x2. */
    private static List<List<NDArray>> randomLearners(NDManager m, int learners, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<NDArray>> out = new ArrayList<>();
        for (int l = 0; l < learners; l++) {
            out.add(List.of(m.create(rng.doubles(3, -5, 5).toArray()), m.create(rng.doubles(4, -5, 5).toArray(), new ai.djl.ndarray.types.Shape(2, 2))));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} learners")
    @CsvSource({"1", "2", "3", "5", "8"})
    void mixingIsTheDoublyStochasticRingMatrixAndKeepsTheAverage(int learners) {
        try (NDManager m = TensorEngine.newManager()) {
            List<List<NDArray>> s = randomLearners(m, learners, learners);
            List<List<NDArray>> mixed = MultiLearnerSgd.mix(s);
            // M as an explicit matrix: 1/3 on the diagonal and on both ring neighbours, entries adding up when they coincide
            double[][] mix = new double[learners][learners];
            for (int l = 0; l < learners; l++) {
                mix[l][l] += 1.0 / 3;
                mix[l][(l + 1) % learners] += 1.0 / 3;
                mix[l][(l + learners - 1) % learners] += 1.0 / 3;
            }
            for (int i = 0; i < 2; i++) {
                double[] before = new double[(int) s.get(0).get(i).size()];
                double[] after = new double[before.length];
                for (int l = 0; l < learners; l++) {
                    double[] expected = new double[before.length];
                    for (int j = 0; j < learners; j++) {
                        double[] sj = Tensors.doubles(s.get(j).get(i));
                        for (int k = 0; k < expected.length; k++) {
                            expected[k] += mix[l][j] * sj[k];
                        }
                    }
                    double[] got = Tensors.doubles(mixed.get(l).get(i));
                    assertArrayEquals(expected, got, 1e-14, "learner " + l);
                    double[] sl = Tensors.doubles(s.get(l).get(i));
                    for (int k = 0; k < got.length; k++) {
                        before[k] += sl[k] / learners;
                        after[k] += got[k] / learners;
                    }
                }
                assertArrayEquals(before, after, 1e-14, "the mixing must keep the learners' average");
                assertArrayEquals(before, Tensors.doubles(MultiLearnerSgd.average(s).get(i)), 1e-14);
            }
        }
    }

    private static TrainConfig ring() {
        return TrainingRunsTest.small("sgd").with(Map.of("momentum", 0.0, "dropout", 0.0, "learners", 3, "topology", "ring", "batch", 16));
    }

    @Test
    void ringRunResumesBitForBitAndDiffersFromAllReduce() {
        Trainer.train(ring(), tmp.resolve("full"), "test", TrainingListener.NONE);
        Path run = tmp.resolve("crashed");
        assertThrows(IllegalStateException.class, () -> Trainer.train(ring(), run, "test", new TrainingRunsTest.Crash(9, false)));
        Trainer.resume(run, "test", TrainingListener.NONE);
        TrainingRunsTest.assertSameWeights(TrainingRunsTest.weights(tmp.resolve("full")), TrainingRunsTest.weights(run));
        RunRecord central = Trainer.train(ring().with("topology", "all-reduce"), tmp.resolve("central"), "test", TrainingListener.NONE);
        assertEquals((300 + 47) / 48 * 3, central.steps(), "3 epochs of 300 examples at 3 x 16 per step");
        assertFalse(Arrays.equals(TrainingRunsTest.weights(tmp.resolve("full")).get("fc0.weight").data(),
                TrainingRunsTest.weights(tmp.resolve("central")).get("fc0.weight").data()));
    }

    @Test
    void optionsAreValidated() {
        TrainConfig base = TrainConfig.defaults().with("momentum", 0.0);
        base.with("learners", 4).validate();
        assertThrows(GengeoException.class, () -> base.with("learners", 0).validate());
        assertThrows(GengeoException.class, () -> base.with("topology", "ring").validate());
        assertThrows(GengeoException.class, () -> base.with(Map.of("learners", 2, "topology", "star")).validate());
        assertThrows(GengeoException.class, () -> TrainConfig.defaults().with("learners", 2).validate());
        assertThrows(GengeoException.class, () -> base.with(Map.of("learners", 2, "opt", "adam")).validate());
    }
}
