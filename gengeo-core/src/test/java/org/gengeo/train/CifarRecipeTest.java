package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.Augmentation;
import org.gengeo.core.data.CifarFiles;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Loss;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR recipe on generated CIFAR-10 files: crop-and-flip augmentation, per-channel
 * normalisation, SGD with momentum 0.9, weight decay 5e-4 on weights only, a cosine schedule.
 * Bit-reproducible from the seed, resumable mid-epoch bit for bit, evaluated without augmentation.
 */
class CifarRecipeTest {
    @TempDir
    Path tmp;

    private TrainConfig recipe() {
        Path data = Files.isDirectory(tmp.resolve("data")) ? tmp.resolve("data") : CifarFiles.cifar10(tmp.resolve("data"), 32, 64, 7);
        return TrainConfig.defaults().with(Map.ofEntries(Map.entry("data", "cifar10"), Map.entry("data-dir", data.toString()),
                Map.entry("model", "cnn:3x32x32-c4k3p1-m4-c8k3p1-m2-10:bn"), Map.entry("augment", "crop4,flip"),
                Map.entry("normalize", "channel"), Map.entry("opt", "sgd"), Map.entry("lr", 0.05), Map.entry("momentum", 0.9),
                Map.entry("weight-decay", 5e-4), Map.entry("weight-decay-exclude", "bn,bias"), Map.entry("schedule", "cosine"),
                Map.entry("batch", 32), Map.entry("epochs", 2), Map.entry("seed", 3), Map.entry("threads", 1)));
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndTheAugmentationIsApplied() throws Exception {
        RunRecord a = Trainer.train(recipe(), tmp.resolve("a"), "test", TrainingListener.NONE);
        Trainer.train(recipe(), tmp.resolve("b"), "test", TrainingListener.NONE);
        Trainer.train(recipe().with("augment", null), tmp.resolve("plain"), "test", TrainingListener.NONE);
        TrainingRunsTest.assertSameWeights(TrainingRunsTest.weights(tmp.resolve("a")), TrainingRunsTest.weights(tmp.resolve("b")));
        assertFalse(Arrays.equals(TrainingRunsTest.weights(tmp.resolve("a")).get("conv0.weight").data(),
                TrainingRunsTest.weights(tmp.resolve("plain")).get("conv0.weight").data()), "augmentation changed nothing");
        assertTrue(a.last().testAcc() > 0.5, "the coloured classes are learnt: test accuracy " + a.last().testAcc());
        JsonNode config = Json.MAPPER.readTree(tmp.resolve("a").resolve("config.json").toFile());
        assertEquals("crop4,flip", config.get("augment").asText());
        assertEquals("channel", config.get("normalize").asText());
        assertEquals("bn,bias", config.get("weight-decay-exclude").asText());
        JsonNode normalization = Json.MAPPER.readTree(tmp.resolve("a").resolve("data.json").toFile()).get("normalization");
        assertEquals("training set", normalization.get("source").asText());
        assertEquals(3, normalization.get("mean").size());
        JsonNode plain = Json.MAPPER.readTree(tmp.resolve("plain").resolve("config.json").toFile());
        assertFalse(plain.has("augment"), "an unset option leaves config.json as before it existed");
    }

    @Test
    void resumingMidEpochGivesTheUninterruptedWeights() {
        TrainConfig config = recipe();
        Trainer.train(config, tmp.resolve("full"), "test", TrainingListener.NONE);
        Path run = tmp.resolve("crashed");
        // a checkpoint at step 3 (log-every 3), then a crash at step 4: the resumed session starts mid-epoch
        TrainConfig logged = config.with("log-every", 3);
        Trainer.train(logged, tmp.resolve("full-logged"), "test", TrainingListener.NONE);
        assertThrows(IllegalStateException.class, () -> Trainer.train(logged, run, "test", new TrainingRunsTest.Crash(4, false)));
        Trainer.resume(run, "test", TrainingListener.NONE);
        TrainingRunsTest.assertSameWeights(TrainingRunsTest.weights(tmp.resolve("full-logged")), TrainingRunsTest.weights(run));
        TrainingRunsTest.assertSameWeights(TrainingRunsTest.weights(tmp.resolve("full")), TrainingRunsTest.weights(run));
    }

    @Test
    void evaluationSeesTheDataUnaugmented() {
        Path run = tmp.resolve("e");
        RunRecord r = Trainer.train(recipe().with("epochs", 1), run, "test", TrainingListener.NONE);
        EvalRecord e = RunEvaluator.evaluate(RunDirectory.open(run), "test");
        assertEquals(r.last().trainLoss(), e.train().loss(), 1e-12);
        assertEquals(r.last().trainAcc(), e.train().accuracy(), 0.0);
    }

    @Test
    void theLoopBatchIsTheGatheredBatchAugmentedWithTheStepsStream() {
        DataSplit split = DataSources.load(recipe().dataConfig());
        Dataset train = split.train();
        Augmentation crop = Augmentation.parse("crop4,flip");
        long[] idx = {5, 0, 17, 3};
        try (NDManager m = TensorEngine.newManager(); NDScope scope = new NDScope();
             org.gengeo.core.model.Network net = Trainer.initialNetwork(recipe())) {
            DeviceData device = new DeviceData(train, m, Precision.FLOAT32);
            GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, new WeightDecay(0, WeightDecay.Mode.L2), NormPenalty.NONE,
                    3, device, new TrainingAugmentation(crop, train.sampleShape(), split.black(), 3));
            oracle.atStep(11);
            Batch b = oracle.loopBatch(idx);
            double[] rows = rows(train, idx);
            double[] expected = augmented(crop, rows, split, 11, 0);
            assertArrayEquals(expected, Tensors.doubles(b.x()), 0.0);
            assertArrayEquals(new double[] {train.labels()[5], train.labels()[0], train.labels()[17], train.labels()[3]},
                    Tensors.doubles(b.y()), 0.0);
            double black = split.black()[0];
            assertTrue(black < 0, "the normalised black level is below the mean: " + black);
            assertFalse(Arrays.equals(expected, rows), "a crop of 4 examples moved nothing");
            oracle.atStep(12);
            assertFalse(Arrays.equals(expected, Tensors.doubles(oracle.loopBatch(idx).x())), "the next step draws anew");
            // an extra minibatch (rm3, ra3, entropy-sgd): its own examples and its own augmentation stream
            int[] order = org.gengeo.core.data.DataTransforms.permutation(train.size(), Seeds.random(3, "extra-batch", 12, 2));
            long[] extra = Arrays.stream(Arrays.copyOf(order, 4)).asLongStream().toArray();
            assertArrayEquals(augmented(crop, rows(train, extra), split, 12, 2), Tensors.doubles(oracle.randomBatch(4, 2).x()), 0.0);
        }
    }

    private static double[] rows(Dataset d, long[] idx) {
        double[] rows = new double[idx.length * d.featureSize()];
        for (int i = 0; i < idx.length; i++) {
            for (int k = 0; k < d.featureSize(); k++) {
                rows[i * d.featureSize() + k] = d.features()[(int) idx[i] * d.featureSize() + k];
            }
        }
        return rows;
    }

    /** Minibatch k of step s augmented on the heap, rounded as a float32 batch holds it (the padding's black level). */
    private static double[] augmented(Augmentation a, double[] rows, DataSplit split, long step, int k) {
        double[] out = a.apply(rows, split.train().sampleShape(), split.black(), Seeds.random(3, "augment", step, k));
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) out[i];
        }
        return out;
    }

    @Test
    void augmentingNonImagesIsAOneLineError() {
        TrainConfig flat = TrainingRunsTest.small("sgd").with("augment", "flip");
        GengeoException e = assertThrows(GengeoException.class, () -> Trainer.train(flat, tmp.resolve("f"), "test", TrainingListener.NONE));
        assertEquals("--augment flip needs images [C, H, W], but the examples have shape [20]", e.getMessage());
        assertEquals("--augment: 'crop' is not cropP (P >= 1 pixels of padding) or flip, or is given twice (e.g. --augment crop4,flip)",
                assertThrows(GengeoException.class, () -> recipe().with("augment", "crop").validate()).getMessage());
        assertEquals("--standardize and --normalize exclude each other",
                assertThrows(GengeoException.class, () -> recipe().with("standardize", true).validate()).getMessage());
    }
}
