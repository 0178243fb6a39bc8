package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole training runs on small synthetic data: determinism, resume, stopping rules, divergence. */
class TrainingRunsTest {
    @TempDir
    Path tmp;

    static TrainConfig small(String opt) {
        return TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 300, "test-size", 200,
                "model", "mlp:20-16-10", "epochs", 3, "batch", 32, "seed", 5, "threads", 1,
                "dropout", 0.1, "opt", opt)).with(Map.of("momentum", opt.equals("sgd") ? 0.9 : 0.0, "lr", opt.equals("sgd") ? 0.05 : 0.01));
    }

    static Map<String, TensorData> weights(Path run) {
        return Safetensors.read(run.resolve("model.safetensors")).tensors();
    }

    static void assertSameWeights(Map<String, TensorData> a, Map<String, TensorData> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).data(), b.get(k).data(), k + " differs");
        }
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        Trainer.train(small("sgd"), tmp.resolve("a"), "test", TrainingListener.NONE);
        Trainer.train(small("sgd"), tmp.resolve("b"), "test", TrainingListener.NONE);
        Trainer.train(small("sgd").with("seed", 6), tmp.resolve("c"), "test", TrainingListener.NONE);
        assertSameWeights(weights(tmp.resolve("a")), weights(tmp.resolve("b")));
        assertFalse(java.util.Arrays.equals(weights(tmp.resolve("a")).get("fc0.weight").data(),
                weights(tmp.resolve("c")).get("fc0.weight").data()));
    }

    /** A listener that kills the run (by throwing) when training reaches a given point. */
    static final class Crash implements TrainingListener {
        private final long atStep;
        private final boolean afterEvaluation;

        Crash(long atStep, boolean afterEvaluation) {
            this.atStep = atStep;
            this.afterEvaluation = afterEvaluation;
        }

        @Override
        public void stepped(long step, double loss) {
            if (!afterEvaluation && step == atStep) {
                throw new IllegalStateException("simulated crash");
            }
        }

        @Override
        public void evaluated(MetricsLine line) {
            if (afterEvaluation && line.step() == atStep) {
                throw new IllegalStateException("simulated crash");
            }
        }
    }

    @ParameterizedTest(name = "{0}, crash at step {1}, after evaluation {2}")
    @CsvSource({"sgd, 10, true", "sgd, 15, false", "adam, 25, false", "adam, 20, true"})
    void resumeEqualsUninterrupted(String opt, long crashStep, boolean afterEvaluation) {
        TrainConfig config = small(opt).with("log-every", afterEvaluation ? 10 : 0);
        Trainer.train(config, tmp.resolve("full"), "test", TrainingListener.NONE);
        Path run = tmp.resolve("crashed");
        assertThrows(IllegalStateException.class,
                () -> Trainer.train(config, run, "test", new Crash(crashStep, afterEvaluation)));
        RunRecord resumed = Trainer.resume(run, "test", TrainingListener.NONE);
        assertEquals("completed", resumed.outcome());
        assertSameWeights(weights(tmp.resolve("full")), weights(run));
        List<MetricsLine> a = RunDirectory.open(tmp.resolve("full")).readMetrics();
        List<MetricsLine> b = RunDirectory.open(run).readMetrics();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).step(), b.get(i).step());
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0.0);
            assertEquals(a.get(i).testAcc(), b.get(i).testAcc(), 0.0);
            assertEquals(a.get(i).batchLoss(), b.get(i).batchLoss(), 0.0);
        }
    }

    @Test
    void stopsWhenTrainingAccuracyIsReached() {
        TrainConfig config = small("sgd").with(Map.of("until-train-acc", 0.5, "epochs", 50, "dropout", 0.0));
        RunRecord r = Trainer.train(config, tmp.resolve("u"), "test", TrainingListener.NONE);
        assertEquals("reached-train-acc", r.outcome());
        assertTrue(r.last().trainAcc() >= 0.5);
        assertTrue(r.epochs() < 50);
    }

    /**
     * With 100 flipped-label attack points the rule on the whole training set (accuracy 0.95) cannot be met soon,
     * while the same rule on the 300 genuine points stops the run; the stopping network, evaluated here on those 300
     * points and on all 400, is above the threshold on the first and below it on the second.
     */
    @Test
    void untilWithoutAttackChecksTheRuleOnTheGenuinePointsOnly() {
        TrainConfig config = small("sgd").with(Map.of("attack", 100, "until-train-acc", 0.95, "until-without-attack", true,
                "epochs", 200, "dropout", 0.0));
        RunRecord r = Trainer.train(config, tmp.resolve("g"), "test", TrainingListener.NONE);
        assertEquals("reached-train-acc", r.outcome(), r.message());
        assertTrue(r.message().contains("(without the 100 attack points) >= 0.95"), r.message());
        try (LoadedRun run = LoadedRun.open(RunDirectory.open(tmp.resolve("g")), null);
             ai.djl.ndarray.NDManager memory = org.gengeo.core.tensor.TensorEngine.newManager()) {
            org.gengeo.core.data.Dataset all = run.data().train();
            assertEquals(400, all.size());
            org.gengeo.core.data.Dataset genuine = all.select(java.util.stream.IntStream.range(0, 300).toArray());
            double onGenuine = org.gengeo.core.model.Evaluation.of(run.network(),
                    new org.gengeo.core.tensor.DeviceData(genuine, memory, run.network().precision()), org.gengeo.core.model.Loss.CROSS_ENTROPY).accuracy();
            assertTrue(onGenuine >= 0.95, "genuine accuracy " + onGenuine);
            assertTrue(r.last().trainAcc() < 0.95, "whole training set " + r.last().trainAcc());
        }
        RunRecord whole = Trainer.train(config.with("until-without-attack", null).with("epochs", r.epochs()), tmp.resolve("w"), "test",
                TrainingListener.NONE);
        assertEquals("completed", whole.outcome(), "the whole-set rule is not met in as many epochs");
        GengeoException bad = assertThrows(GengeoException.class, () -> small("sgd").with("until-without-attack", true).validate());
        assertTrue(bad.getMessage().contains("--until-without-attack needs --until-train-acc or --until-train-loss"), bad.getMessage());
    }

    @Test
    void stepLimitStopsMidEpochAndLogsTheFinalState() {
        RunRecord r = Trainer.train(small("sgd").with("steps", 13L), tmp.resolve("s"), "test", TrainingListener.NONE);
        assertEquals(13, r.steps());
        List<MetricsLine> lines = RunDirectory.open(tmp.resolve("s")).readMetrics();
        assertEquals(0, lines.get(0).step());
        assertEquals(13, lines.get(lines.size() - 1).step());
    }

    @Test
    void divergenceStopsTheRunAndKeepsTheLastGoodWeights() {
        TrainConfig config = small("sgd").with(Map.of("lr", 1e9, "momentum", 0.0, "dropout", 0.0));
        RunRecord r = Trainer.train(config, tmp.resolve("d"), "test", TrainingListener.NONE);
        assertEquals("diverged", r.outcome());
        assertTrue(r.message().contains("diverged at step"), r.message());
        RunRecord onDisk = RunDirectory.open(tmp.resolve("d")).readRun();
        assertEquals("diverged", onDisk.outcome());
        try (Network net = NetworkFiles.load(tmp.resolve("d").resolve("model.safetensors"))) {
            for (TensorData t : net.toTensors().values()) {
                for (float v : t.toFloatArray()) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
    }

    @Test
    void runDirectoryHoldsEveryFileWithProvenance() throws Exception {
        Path run = tmp.resolve("p");
        Trainer.train(small("sgd").with("label-noise", 0.2), run, "gengeo train --test", TrainingListener.NONE);
        for (String f : List.of("config.json", "model.safetensors", "checkpoint.safetensors", "metrics.jsonl", "run.json", "data.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        RunRecord r = RunDirectory.open(run).readRun();
        assertNotNull(r.provenance().gengeoVersion());
        assertEquals("gengeo train --test", r.provenance().command());
        assertNotNull(r.endTime());
        assertEquals(64, ((String) r.data().get("train_hash")).length());
        assertEquals(small("sgd").with("label-noise", 0.2), RunDirectory.open(run).readConfig());
        SafetensorsFile model = Safetensors.read(run.resolve("model.safetensors"));
        assertEquals("mlp:20-16-10", model.metadata().get(NetworkFiles.ARCH));
        assertTrue(model.metadata().get(NetworkFiles.PROVENANCE).contains("gengeo_version"));
        assertTrue(Files.readString(run.resolve("data.json")).contains("corruptedIndices"));
        assertThrows(GengeoException.class, () -> Trainer.train(small("sgd"), run, "test", TrainingListener.NONE));
    }

    @Test
    void coherenceIsLoggedEveryKStepsOnTheFixedSample() {
        Path run = tmp.resolve("coh");
        TrainConfig config = small("sgd").with(Map.of("coherence-every", 5, "coherence-sample", 120, "dropout", 0.0, "steps", 23L));
        Trainer.train(config, run, "test", TrainingListener.NONE);
        List<MetricsLine> lines = RunDirectory.open(run).readMetrics();
        List<Long> withCoherence = lines.stream().filter(l -> l.coherence() != null).map(MetricsLine::step).toList();
        assertEquals(List.of(0L, 5L, 10L, 15L, 20L), withCoherence);
        assertTrue(lines.stream().allMatch(l -> l.coherence() == null || (l.coherence() >= 1 - 1e-9 && l.coherence() <= 120)));
        // the value logged at step 20 equals a fresh measurement of the step-20 checkpoint's model
        MetricsLine at20 = lines.stream().filter(l -> l.step() == 20).findFirst().orElseThrow();
        assertEquals(2, at20.coherenceLayers().size());
        Path again = tmp.resolve("coh20");
        Trainer.train(config.with("steps", 20L), again, "test", TrainingListener.NONE);
        try (Network net = NetworkFiles.load(again.resolve("model.safetensors"));
             ai.djl.ndarray.NDManager m = org.gengeo.core.tensor.TensorEngine.newManager()) {
            var train = org.gengeo.core.data.DataSources.load(config.dataConfig()).train();
            var sample = new org.gengeo.core.tensor.DeviceData(train.select(CoherenceProbe.sampleIndices(train, config)), m, net.precision());
            double fresh = org.gengeo.pergrad.Coherence.of(net, sample, org.gengeo.core.model.Loss.CROSS_ENTROPY, 500).total().mCoherence();
            assertEquals(fresh, at20.coherence(), 1e-5 * fresh);
        }
    }

    @Test
    void underLabelNoiseThePristineAndCorruptSharesOfTheStepAreLogged() {
        Path run = tmp.resolve("groups");
        TrainConfig config = small("sgd").with(Map.of("coherence-every", 10, "coherence-sample", 150, "dropout", 0.0,
                "steps", 10L, "label-noise", 0.3));
        Trainer.train(config, run, "test", TrainingListener.NONE);
        MetricsLine last = RunDirectory.open(run).readMetrics().stream().filter(l -> l.step() == 10).findFirst().orElseThrow();
        var groups = last.coherenceGroups();
        assertEquals(List.of("pristine", "corrupt"), List.copyOf(groups.keySet()));
        assertEquals(150, groups.get("pristine").examples() + groups.get("corrupt").examples());
        assertEquals(1, groups.get("pristine").stepShare() + groups.get("corrupt").stepShare(), 1e-9);
        // the corrupt group is exactly the sample's members among the recorded corrupted indices
        var split = org.gengeo.core.data.DataSources.load(config.dataConfig());
        int[] corrupted = (int[]) split.info().get("corruptedIndices");
        long inSample = java.util.Arrays.stream(CoherenceProbe.sampleIndices(split.train(), config))
                .filter(i -> java.util.Arrays.binarySearch(corrupted, i) >= 0).count();
        assertEquals(inSample, groups.get("corrupt").examples());
        assertTrue(inSample > 20 && inSample < 70, "about 30% of 150");
    }

    @Test
    void learningTimesMatchTheModelsOfShorterRunsAndSurviveResume() throws Exception {
        TrainConfig config = small("sgd").with(Map.of("learning-times", true, "epochs", 4, "dropout", 0.0, "lr", 0.01));
        Trainer.train(config, tmp.resolve("lt"), "test", TrainingListener.NONE);
        LearningTimes.Times times = org.gengeo.core.io.Json.read(tmp.resolve("lt").resolve("learning-times.json"), LearningTimes.Times.class);
        // independent: the model after e epochs is the model of the same run stopped at e epochs
        var split = org.gengeo.core.data.DataSources.load(config.dataConfig());
        int n = split.train().size();
        int[] first = new int[n];
        int[] lastBecame = new int[n];
        java.util.Arrays.fill(first, -1);
        java.util.Arrays.fill(lastBecame, -1);
        boolean[] previous = new boolean[n];
        for (int e = 0; e <= 4; e++) {
            Path run = tmp.resolve("lt" + e);
            Trainer.train(e == 0 ? config.with("steps", 1L).with("lr", 1e-300) : config.with("epochs", e), run, "test", TrainingListener.NONE);
            try (Network net = NetworkFiles.load(run.resolve("model.safetensors"));
                 ai.djl.ndarray.NDManager m = org.gengeo.core.tensor.TensorEngine.newManager()) {
                boolean[] c = org.gengeo.core.model.Evaluation.correctness(net,
                        new org.gengeo.core.tensor.DeviceData(split.train(), m, net.precision()), org.gengeo.core.model.Loss.CROSS_ENTROPY);
                for (int i = 0; i < n; i++) {
                    if (c[i] && first[i] < 0) {
                        first[i] = e;
                    }
                    if (c[i] && !previous[i]) {
                        lastBecame[i] = e;
                    }
                    previous[i] = c[i];
                }
            }
        }
        assertArrayEquals(first, times.firstCorrect());
        assertArrayEquals(lastBecame, times.lastBecameCorrect());
        Path crashed = tmp.resolve("lt-crashed");
        assertThrows(IllegalStateException.class, () -> Trainer.train(config, crashed, "test", new Crash(25, false)));
        Trainer.resume(crashed, "test", TrainingListener.NONE);
        assertEquals(Files.readString(tmp.resolve("lt").resolve("learning-times.json")), Files.readString(crashed.resolve("learning-times.json")));
    }

    @Test
    void evalReproducesTheLastLoggedMetrics() {
        Path run = tmp.resolve("e");
        RunRecord r = Trainer.train(small("adam"), run, "test", TrainingListener.NONE);
        EvalRecord e = RunEvaluator.evaluate(RunDirectory.open(run), "test");
        assertEquals(r.last().trainLoss(), e.train().loss(), 1e-12);
        assertEquals(r.last().testAcc(), e.test().accuracy(), 0.0);
    }
}
