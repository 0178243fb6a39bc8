package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entropy-SGD on the quadratic f(w) = w^T A w / 2, where the local-entropy Gibbs measure
 * exp(-(f(w') + gamma/2 |w - w'|^2) / T) is Gaussian with mean gamma (A + gamma I)^-1 w at every
 * temperature T, and through the training loop.
 */
class EntropySgdTest {
    private static final double[][] A = {{2.0, 0.5, 0.0}, {0.5, 1.0, 0.3}, {0.0, 0.3, 0.6}};
    private static final double[] W = {1.5, -2.0, 0.8};

    @TempDir
    Path tmp;

    /** gamma (A + gamma I)^-1 w, by EJML's solver. */
    private static double[] localEntropyMean(double gamma) {
        DMatrixRMaj m = new DMatrixRMaj(A);
        for (int i = 0; i < 3; i++) {
            m.add(i, i, gamma);
        }
        DMatrixRMaj x = new DMatrixRMaj(3, 1);
        assertTrue(CommonOps_DDRM.solve(m, new DMatrixRMaj(3, 1, true, W), x));
        return new double[] {gamma * x.get(0), gamma * x.get(1), gamma * x.get(2)};
    }

    /** The gradient A w' of the quadratic at the current parameter, with loss w'^T A w' / 2. */
    private static EntropySgd.InnerGradient quadratic(NDArray param) {
        return l -> {
            double[] v = Tensors.doubles(param);
            double[] g = new double[3];
            double loss = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    g[i] += A[i][j] * v[j];
                }
                loss += 0.5 * v[i] * g[i];
            }
            return new GradientOracle.Gradient(loss, List.of(param.getManager().create(g, new Shape(3))));
        };
    }

    private static double[] innerMean(EntropySgdOptions o, double gamma) {
        TensorEngine.ensureStarted();
        try (NDManager m = TensorEngine.newManager()) {
            NDArray param = m.create(W.clone(), new Shape(3));
            EntropySgd esgd = new EntropySgd(o, 7, new WeightDecay(0, WeightDecay.Mode.L2));
            EntropySgd.InnerLoop inner = esgd.localEntropyMean(List.of(param), List.of(param.duplicate()), gamma, quadratic(param));
            assertEquals(0.5 * quadraticForm(W), inner.firstLoss(), 1e-12, "loss of the first minibatch at w");
            return Tensors.doubles(inner.mean().get(0));
        }
    }

    private static double quadraticForm(double[] v) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s += v[i] * A[i][j] * v[j];
            }
        }
        return s;
    }

    /**
     * With the paper's noise (epsilon = 1e-4) and enough Langevin steps for the contraction
     * (1 - eta' (lambda_min + gamma))^L to vanish, mu lands on the closed-form mean up to the noise
     * (stationary standard deviation epsilon sqrt(1 / (2 (lambda + gamma))) ~ 1e-4). With strong
     * noise (epsilon = 0.3, standard deviation ~0.2 per coordinate) and a long, slow running mean
     * (alpha = 0.002) mu still estimates the same mean, to within its sampling error (for an AR(1)
     * iterate with rate rho = 1 - eta' (lambda + gamma), the running mean's standard deviation is about
     * sqrt(T / (lambda + gamma) * alpha / 2 * (1 + rho) / (1 - rho)) ~ 0.03, T = epsilon^2 / 2).
     */
    @Test
    void innerLoopMeanApproachesTheClosedFormLocalEntropyMean() {
        double gamma = 0.5;
        double[] exact = localEntropyMean(gamma);
        double[] cold = innerMean(new EntropySgdOptions(300, gamma, 0, 0.1, 1e-4, 0.75), gamma);
        assertArrayEquals(exact, cold, 5e-4);
        double[] hot = innerMean(new EntropySgdOptions(20_000, gamma, 0, 0.1, 0.3, 0.002), gamma);
        assertArrayEquals(exact, hot, 0.08);
        double distanceFromW = 0;
        for (int i = 0; i < 3; i++) {
            distanceFromW = Math.max(distanceFromW, Math.abs(exact[i] - W[i]));
        }
        assertTrue(distanceFromW > 1, "the closed form must be far from the start, got " + distanceFromW);
    }

    /**
     * Without noise, two outer steps equal the documented formulas computed here in plain doubles,
     * including the scoping schedule gamma_t = gamma (1 + gamma_1)^t and the outer update
     * w &larr; w - eta gamma_t (w - mu).
     */
    @Test
    void outerStepsFollowAlgorithmOne() {
        EntropySgdOptions o = new EntropySgdOptions(4, 0.2, 0.5, 0.1, 0, 0.75);
        double lr = 2;
        double[] expected = W.clone();
        for (int t = 0; t < 2; t++) {
            double gamma = 0.2 * Math.pow(1.5, t);
            double[] wp = expected.clone();
            double[] mu = expected.clone();
            for (int l = 0; l < 4; l++) {
                double[] g = new double[3];
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        g[i] += A[i][j] * wp[j];
                    }
                }
                for (int i = 0; i < 3; i++) {
                    wp[i] -= 0.1 * (g[i] - gamma * (expected[i] - wp[i]));
                    mu[i] = 0.25 * mu[i] + 0.75 * wp[i];
                }
            }
            for (int i = 0; i < 3; i++) {
                expected[i] -= lr * gamma * (expected[i] - mu[i]);
            }
        }
        TensorEngine.ensureStarted();
        try (NDManager m = TensorEngine.newManager()) {
            NDArray param = m.create(W.clone(), new Shape(3));
            EntropySgd esgd = new EntropySgd(o, 0, new WeightDecay(0, WeightDecay.Mode.L2));
            double loss = esgd.step(List.of(param), quadratic(param), lr);
            assertEquals(0.5 * quadraticForm(W), loss, 1e-12);
            esgd.step(List.of(param), quadratic(param), lr);
            assertArrayEquals(expected, Tensors.doubles(param), 1e-12);
            assertEquals(2, esgd.updates());
        }
    }

    /** Through the training loop: the loss falls, flags are validated, and a resumed run draws the same noise. */
    @Test
    void trainsAndResumesBitIdentically() {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 300, "test-size", 200,
                "model", "mlp:20-16-10", "epochs", 4, "batch", 30, "threads", 1))
                .with(Map.of("opt", "entropy-sgd", "lr", 1.0, "esgd-l", 5, "esgd-gamma", 0.1, "esgd-noise", 1e-3));
        RunRecord r = Trainer.train(config, tmp.resolve("run"), "test", TrainingListener.NONE);
        List<MetricsLine> lines = RunDirectory.open(tmp.resolve("run")).readMetrics();
        assertTrue(r.last().trainLoss() < lines.get(0).trainLoss() * 0.7, "loss " + lines.get(0).trainLoss() + " -> " + r.last().trainLoss());
        assertEquals(40, r.steps(), "an epoch is ceil(300 / 30) outer steps");
        Path crashed = tmp.resolve("crashed");
        assertThrows(IllegalStateException.class, () -> Trainer.train(config, crashed, "test", new TrainingRunsTest.Crash(25, false)));
        Trainer.resume(crashed, "test", TrainingListener.NONE);
        Map<String, TensorData> a = TrainingRunsTest.weights(tmp.resolve("run"));
        Map<String, TensorData> b = TrainingRunsTest.weights(crashed);
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
        }
        GengeoException bad = assertThrows(GengeoException.class, () -> config.with("esgd-alpha", 0.0).validate());
        assertTrue(bad.getMessage().contains("--esgd-alpha"), bad.getMessage());
        config.with(Map.of("opt", "sgd", "esgd-l", 0)).validate();
    }
}
