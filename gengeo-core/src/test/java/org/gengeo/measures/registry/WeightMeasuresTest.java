package org.gengeo.measures.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-free measures against independent computations: power iteration, explicit path sums, closed forms. */
class WeightMeasuresTest {
    static MeasureValue compute(Measure m, Network net) {
        TrainConfig config = TrainConfig.defaults().with(Map.of("model", net.architecture().spec()));
        return m.compute(new MeasureContext(config, null, net), MeasureParameters.of(m, Map.of()));
    }

    static WeightMatrix random(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return new WeightMatrix("fc0.weight", rows, cols, v);
    }

    /** ||W||_2 by power iteration on W^T W, run to convergence. */
    static double powerIterationNorm(WeightMatrix w) {
        double[] x = new double[w.cols()];
        java.util.Arrays.fill(x, 1);
        double lambda = 0;
        for (int it = 0; it < 5000; it++) {
            double[] y = new double[w.rows()];
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.cols(); j++) {
                    y[i] += w.values()[i * w.cols() + j] * x[j];
                }
            }
            double[] z = new double[w.cols()];
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.cols(); j++) {
                    z[j] += w.values()[i * w.cols() + j] * y[i];
                }
            }
            double n = 0;
            for (double v : z) {
                n += v * v;
            }
            n = Math.sqrt(n);
            lambda = n;
            for (int j = 0; j < z.length; j++) {
                x[j] = z[j] / n;
            }
        }
        return Math.sqrt(lambda);
    }

    @Test
    void spectralNormMatchesPowerIterationAndRankOneClosedForm() {
        for (int[] shape : new int[][] {{7, 5}, {4, 9}, {12, 12}}) {
            WeightMatrix w = random(shape[0], shape[1], shape[0] * 31L + shape[1]);
            assertEquals(powerIterationNorm(w), w.singularValues()[0], 1e-8 * powerIterationNorm(w));
            double f2 = 0;
            for (double s : w.singularValues()) {
                f2 += s * s;
            }
            assertEquals(w.frobeniusSquared(), f2, 1e-9 * f2, "sum of squared singular values is the Frobenius norm");
        }
        double[] u = {1, -2, 2};
        double[] v = {3, 4};
        double[] uv = new double[6];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                uv[i * 2 + j] = u[i] * v[j];
            }
        }
        double[] s = new WeightMatrix("a.weight", 3, 2, uv).singularValues();
        assertEquals(15, s[0], 1e-12, "||u v^T||_2 = ||u|| ||v|| = 3 * 5");
        assertEquals(0, s[1], 1e-12);
    }

    @Test
    void normsOfAKnownNetwork() {
        TensorEngine.ensureStarted();
        try (Network net = Network.fromTensors(Architecture.parse("mlp:2-2-1:nobias"), Activation.RELU, 0,
                Map.of("fc0.weight", org.gengeo.core.io.TensorData.ofDoubles(new long[] {2, 2}, new double[] {3, 0, 0, 4}),
                        "fc1.weight", org.gengeo.core.io.TensorData.ofDoubles(new long[] {1, 2}, new double[] {1, 2})),
                Precision.FLOAT64, "test")) {
            assertEquals(Math.sqrt(25 + 5), compute(new FrobeniusNorm(), net).value(), 1e-12);
            assertEquals(4 + Math.sqrt(5), compute(new SpectralNorm(), net).value(), 1e-12);
            assertEquals(Math.log(16 * 5), compute(new ProductOfSpectralNorms(), net).value(), 1e-12);
            assertEquals(Math.log(2 * Math.sqrt(25 * 5)), compute(new SumOfFrobeniusNorms(), net).value(), 1e-12);
            assertEquals((25.0 / 16 + 1) / 2, compute(new StableRank(), net).value(), 1e-12);
            // paths: in0 -> h0 -> out: 9 * 1; in1 -> h1 -> out: 16 * 4 (the zero weights close the other two)
            assertEquals(9 + 64, compute(new PathNorm(), net).value(), 1e-12);
        }
    }

    @Test
    void pathNormIsTheSumOverEveryPath() {
        TensorEngine.ensureStarted();
        try (Network net = Network.initialise(Architecture.parse("mlp:3-4-5-2"), Activation.RELU, 0, Init.parse("he"), 3,
                Precision.FLOAT64)) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), null, net);
            List<WeightMatrix> w = c.weightMatrices();
            double brute = 0;
            for (int i = 0; i < 3; i++) {
                for (int h1 = 0; h1 < 4; h1++) {
                    for (int h2 = 0; h2 < 5; h2++) {
                        for (int o = 0; o < 2; o++) {
                            double a = w.get(0).values()[h1 * 3 + i];
                            double b = w.get(1).values()[h2 * 4 + h1];
                            double d = w.get(2).values()[o * 5 + h2];
                            brute += a * a * b * b * d * d;
                        }
                    }
                }
            }
            assertEquals(brute, compute(new PathNorm(), net).value(), 1e-12 * brute);
        }
    }

    @Test
    void pathNormRefusesConvolutions() {
        TensorEngine.ensureStarted();
        try (Network net = Network.initialise(Architecture.parse("cnn:1x6x6-c2k3-m2-3"), Activation.RELU, 0, Init.parse("he"), 3,
                Precision.FLOAT64)) {
            assertThrows(GengeoException.class, () -> compute(new PathNorm(), net));
            assertTrue(compute(new SpectralNorm(), net).value() > 0, "a convolution is reshaped to [out, in k k]");
        }
    }

    @Test
    void initialWeightsAreReCreatedFromTheSeed(@TempDir Path tmp) {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 100, "test-size", 50,
                "model", "mlp:20-8-10", "epochs", 1, "batch", 50, "seed", 11, "threads", 1, "init", "xavier", "init-scale", 0.5));
        // an update of 1e-30 * gradient is below float32 resolution for the weights (the zero biases move by ~1e-30)
        Trainer.train(config.with("lr", 1e-30), tmp.resolve("still"), "test", TrainingListener.NONE);
        Trainer.train(config.with("lr", 0.1), tmp.resolve("moved"), "test", TrainingListener.NONE);
        try (LoadedRun still = LoadedRun.open(RunDirectory.open(tmp.resolve("still")), null);
             LoadedRun moved = LoadedRun.open(RunDirectory.open(tmp.resolve("moved")), null)) {
            DistanceFromInit d = new DistanceFromInit();
            assertEquals(0, d.compute(MeasureContext.of(still), MeasureParameters.of(d, Map.of())).value(), 1e-20);
            double away = d.compute(MeasureContext.of(moved), MeasureParameters.of(d, Map.of())).value();
            assertTrue(away > 0.01, "trained weights moved " + away);
        }
    }
}
