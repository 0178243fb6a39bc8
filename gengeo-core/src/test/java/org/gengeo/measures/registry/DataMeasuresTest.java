package org.gengeo.measures.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.train.RunDirectory;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.curvature.DenseHessian;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.ParameterBlock;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measures that look at data, against the dense Hessian, a closed form, and their own definitions; and the runner. */
class DataMeasuresTest {
    static Network net() {
        TensorEngine.ensureStarted();
        return Network.initialise(Architecture.parse("mlp:5-6-3"), Activation.TANH, 0, Init.parse("torch"), 4, Precision.FLOAT64);
    }

    static MeasureValue compute(Measure m, MeasureContext c, Map<String, Double> params) {
        return m.compute(c, MeasureParameters.of(m, params));
    }

    @Test
    void hessianTopAndTraceMatchTheDenseHessian() {
        Dataset train = RandomData.gaussian(60, 5, 3, 1);
        try (Network net = net(); NDManager m = TensorEngine.newManager()) {
            DenseHessian dense;
            try (HessianOperator h = new HessianOperator(net, new DeviceData(train, m, Precision.FLOAT64), Loss.CROSS_ENTROPY,
                    ParameterBlock.all(net), 60)) {
                dense = DenseHessian.of(h);
            }
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(train, train, Map.of()), net);
            double top = compute(new HessianTop(), c, Map.of("tol", 1e-10)).value();
            assertEquals(dense.eigen().values()[0], top, 1e-8 * Math.abs(top));
            MeasureValue trace = compute(new HessianTrace(), c, Map.of("probes", 400.0, "tol", 0.01));
            double se = trace.details().get("standard_error");
            assertTrue(Math.abs(trace.value() - dense.trace()) < 4 * se, trace.value() + " +- " + se + " vs " + dense.trace());
            double z = 0.05;
            double nEff = java.util.Arrays.stream(dense.eigen().values()).map(l -> l > 0 ? l / (l + z) : 0).sum();
            MeasureValue eff = compute(new HessianEffectiveDimension(), c, Map.of("z", z, "runs", 30.0, "steps", (double) dense.matrix().length));
            double effSe = eff.details().get("standard_error");
            assertTrue(Math.abs(eff.value() - nEff) < 4 * effSe && effSe < 0.1 * nEff, eff.value() + " +- " + effSe + " vs " + nEff);
        }
    }

    @Test
    void coherenceOfIdenticalExamplesIsM() {
        Dataset one = RandomData.gaussian(1, 5, 3, 2);
        int m = 37;
        float[] x = new float[m * 5];
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(one.features(), 0, x, i * 5, 5);
            y[i] = one.labels()[0];
        }
        Dataset copies = new Dataset("copies", new int[] {5}, x, y, 3);
        try (Network net = net()) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(copies, copies, Map.of()), net);
            MeasureValue v = compute(new CoherenceAtEnd(), c, Map.of());
            assertEquals(m, v.value(), 1e-8 * m, "identical gradients: ||m g||^2 / (m ||g||^2) = m");
            assertEquals(1, v.details().get("alpha"), 1e-10);
        }
    }

    /** Mean accuracy over {@code draws} independent perturbations of size sigma (fresh directions, not the measure's). */
    static double meanPerturbedAccuracy(Network net, DeviceData data, double sigma, int draws, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0;
        for (int k = 0; k < draws; k++) {
            try (NDManager m = TensorEngine.newManager()) {
                Map<String, NDArray> values = new LinkedHashMap<>();
                for (Map.Entry<String, NDArray> e : net.parameters().entrySet()) {
                    double[] w = org.gengeo.core.tensor.Tensors.doubles(e.getValue());
                    for (int i = 0; i < w.length; i++) {
                        w[i] += sigma * rng.nextGaussian();
                    }
                    values.put(e.getKey(), m.create(w, e.getValue().getShape()));
                }
                sum += Evaluation.of(net, values, data, Loss.CROSS_ENTROPY).accuracy();
            }
        }
        return sum / draws;
    }

    @Test
    void pacBayesSigmaCostsTheTargetAccuracyAndTheBoundFollowsJiang(@TempDir Path tmp) {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 300, "test-size", 50,
                "model", "mlp:20-16-10", "epochs", 5, "batch", 30, "seed", 2, "threads", 1, "dtype", "float64", "lr", 0.05));
        Trainer.train(config, tmp.resolve("r"), "test", TrainingListener.NONE);
        try (var run = org.gengeo.train.LoadedRun.open(org.gengeo.train.RunDirectory.open(tmp.resolve("r")), null);
             NDManager m = TensorEngine.newManager()) {
            MeasureContext c = MeasureContext.of(run);
            MeasureValue v = compute(new PacBayesSharpness(), c, Map.of("draws", 20.0));
            double sigma = v.details().get("sigma");
            DeviceData train = new DeviceData(run.data().train(), m, Precision.FLOAT64);
            double base = Evaluation.of(run.network(), train, Loss.CROSS_ENTROPY).accuracy();
            assertTrue(base > 0.5, "trained: " + base);
            double dropAtHalf = base - meanPerturbedAccuracy(run.network(), train, sigma / 2, 40, 9);
            double dropAtDouble = base - meanPerturbedAccuracy(run.network(), train, sigma * 2, 40, 9);
            assertTrue(dropAtHalf < 0.1 && dropAtDouble > 0.1, "drops " + dropAtHalf + " / " + dropAtDouble + " around sigma " + sigma);
            double d2 = DistanceFromInit.squaredDistance(c, null);
            assertEquals(d2 / (4 * sigma * sigma) + Math.log(300 / sigma) + 10, v.value(), 1e-9 * v.value());
        }
    }

    @Test
    void registryNamesAndParametersAreChecked() {
        assertEquals(MeasureRegistry.ALL.size(), MeasureRegistry.ALL.stream().map(Measure::name).distinct().count());
        assertEquals(List.of("frobenius-norm", "hessian-top"),
                MeasureRegistry.parseList("hessian-top, frobenius-norm,hessian-top").stream().map(Measure::name).toList());
        GengeoException e = assertThrows(GengeoException.class, () -> MeasureRegistry.parseList("frobenius-norm,sharpnes"));
        assertTrue(e.getMessage().contains("unknown measure 'sharpnes'"), e.getMessage());
        Measure top = MeasureRegistry.get("hessian-top");
        assertThrows(GengeoException.class, () -> MeasureParameters.of(top, Map.of("sample", 10.0)));
        assertThrows(GengeoException.class, () -> MeasureParameters.of(top, Map.of("samples", 10.5)));
        assertThrows(GengeoException.class, () -> MeasureParameters.of(top, Map.of("samples", 0.0)));
        assertEquals(500, MeasureParameters.of(top, Map.of("samples", 500.0)).getInt("samples"));
    }

    @Test
    void runnerMergesIntoMeasuresJsonAndSkipsWhatIsDone(@TempDir Path tmp) {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 100, "test-size", 50,
                "model", "mlp:20-8-10", "epochs", 1, "batch", 50, "seed", 1, "threads", 1));
        Path run = tmp.resolve("r");
        Trainer.train(config, run, "test", TrainingListener.NONE);
        MeasureRunner.run(run, MeasureRegistry.parseList("frobenius-norm"), Map.of(), true, false, "test", s -> { });
        MeasuresRecord second = MeasureRunner.run(run, MeasureRegistry.parseList("frobenius-norm,stable-rank"), Map.of(), true, false,
                "test", s -> { });
        assertEquals(List.of("frobenius-norm", "stable-rank"), List.copyOf(second.measures().keySet()));
        MeasuresRecord onDisk = MeasureRunner.read(RunDirectory.open(run));
        assertEquals(second.measures().get("stable-rank").value(), onDisk.measures().get("stable-rank").value());
        assertTrue(onDisk.measures().get("frobenius-norm").provenance() != null);
    }
}
