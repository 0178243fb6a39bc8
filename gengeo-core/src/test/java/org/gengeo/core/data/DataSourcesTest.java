package org.gengeo.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data look-up, the embedded subset, and every transformation. */
class DataSourcesTest {
    @TempDir
    Path tmp;

    static DataConfig config(String name) {
        return new DataConfig(name, null, null, null, null, false, 0, false, 0, false, 1);
    }

    static DataConfig with(DataConfig c, Integer train, Integer test, boolean binary, double noise, boolean random, int attack,
                           boolean standardize) {
        return new DataConfig(c.name(), c.dataDir(), train, test, c.classes(), binary, noise, random, attack, standardize, c.seed());
    }

    @Test
    void aSampleIsThePrefixOfTheSeededPermutation() {
        int[] all = DataTransforms.permutation(50, 7, "purpose");
        assertArrayEquals(Arrays.copyOf(all, 12), DataTransforms.firstOfPermutation(50, 12, 7, "purpose"));
        assertArrayEquals(all, DataTransforms.firstOfPermutation(50, 80, 7, "purpose"), "more than n asked: all n, shuffled");
        assertFalse(Arrays.equals(Arrays.copyOf(all, 12), DataTransforms.firstOfPermutation(50, 12, 7, "other")), "purpose seeds the stream");
    }

    @Test
    void embeddedSubsetIsBalancedAndShapedLikeFashionMnist() {
        DataSplit s = DataSources.load(config("fashion-mnist-embedded"));
        assertEquals(2500, s.train().size());
        assertEquals(1000, s.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, s.train().sampleShape());
        int[] counts = new int[10];
        for (int y : s.train().labels()) {
            counts[y]++;
        }
        assertArrayEquals(new int[] {250, 250, 250, 250, 250, 250, 250, 250, 250, 250}, counts);
        assertEquals("embedded", s.info().get("source"));
        float max = 0;
        for (float v : s.train().features()) {
            max = Math.max(max, v);
            assertTrue(v >= 0 && v <= 1);
        }
        assertEquals(1f, max);
    }

    @Test
    void fashionMnistFallsBackToTheEmbeddedSubset() {
        String old = System.getProperty(DataSources.FASHION_MNIST_DIR_PROPERTY);
        System.setProperty(DataSources.FASHION_MNIST_DIR_PROPERTY, tmp.resolve("absent").toString());
        try {
            DataSplit s = DataSources.load(config("fashion-mnist"));
            assertEquals("embedded", s.info().get("source"));
            assertEquals(2500, s.train().size());
            assertEquals(1000, s.test().size());
            assertEquals(4, ((java.util.Map<?, ?>) s.info().get("rawHashes")).size());
        } finally {
            if (old == null) {
                System.clearProperty(DataSources.FASHION_MNIST_DIR_PROPERTY);
            } else {
                System.setProperty(DataSources.FASHION_MNIST_DIR_PROPERTY, old);
            }
        }
    }

    @Test
    void debianFashionMnistLoadsInFull() {
        assumeTrue(Files.isDirectory(Path.of(DataSources.DEBIAN_FASHION_MNIST)), "dataset-fashion-mnist not installed");
        DataSplit s = DataSources.load(config("fashion-mnist"));
        assertEquals(60000, s.train().size());
        assertEquals(10000, s.test().size());
        assertEquals(9, s.train().labels()[0], "the first Fashion-MNIST training label is 9 (ankle boot)");
        assertEquals(DataSources.DEBIAN_FASHION_MNIST, s.info().get("source"));
        assertArrayEquals(new int[] {1, 28, 28}, s.train().sampleShape());
        assertArrayEquals(new int[] {1, 28, 28}, s.test().sampleShape());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : s.train().features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        assertEquals(4, ((java.util.Map<?, ?>) s.info().get("rawHashes")).size());
    }

    @Test
    void dataDirWithAMissingFileIsNamed() throws Exception {
        Files.write(tmp.resolve("train-images-idx3-ubyte"), IdxReaderTest.images(2));
        DataConfig c = new DataConfig("mnist", tmp, null, null, null, false, 0, false, 0, false, 1);
        GengeoException e = assertThrows(GengeoException.class, () -> DataSources.load(c));
        assertTrue(e.getMessage().contains("missing train-labels-idx1-ubyte"), e.getMessage());
        GengeoException unknown = assertThrows(GengeoException.class, () -> DataSources.load(config("imagenet")));
        assertEquals("unknown data set 'imagenet' (expected one of fashion-mnist, fashion-mnist-embedded, mnist, cifar10, cifar100, cifar100-coarse, "
                + "gaussians, teacher, spirals)", unknown.getMessage());
        GengeoException noDir = assertThrows(GengeoException.class, () -> DataSources.load(config("mnist")));
        assertTrue(noDir.getMessage().contains("--data mnist needs --data-dir"), noDir.getMessage());
        GengeoException fashion = assertThrows(GengeoException.class,
                () -> DataSources.load(new DataConfig("fashion-mnist", tmp, null, null, null, false, 0, false, 0, false, 1)));
        assertTrue(fashion.getMessage().contains("missing train-labels-idx1-ubyte"), fashion.getMessage());
        GengeoException absent = assertThrows(GengeoException.class,
                () -> DataSources.load(new DataConfig("mnist", tmp.resolve("nowhere"), null, null, null, false, 0, false, 0, false, 1)));
        assertTrue(absent.getMessage().endsWith("nowhere: data directory not found"), absent.getMessage());
    }

    @Test
    void idxFilesInADataDirectoryLoadRawOrGzipped() throws Exception {
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), EmbeddedSubsetBuilder.gzip(IdxReaderTest.images(3)));
        Files.write(tmp.resolve("train-labels-idx1-ubyte"), IdxReaderTest.labels(1, 7, 9));
        Files.write(tmp.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.images(2));
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), EmbeddedSubsetBuilder.gzip(IdxReaderTest.labels(0, 5)));
        DataSplit s = DataSources.load(new DataConfig("mnist", tmp, null, null, null, false, 0, false, 0, false, 1));
        assertArrayEquals(new int[] {1, 7, 9}, s.train().labels());
        assertArrayEquals(new int[] {0, 5}, s.test().labels());
        assertArrayEquals(new int[] {1, 2, 3}, s.train().sampleShape());
        assertEquals(tmp.toString(), s.info().get("source"));
        java.util.Map<?, ?> hashes = (java.util.Map<?, ?>) s.info().get("rawHashes");
        assertEquals(java.util.Set.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte.gz"), hashes.keySet());
        assertEquals(s.train().contentHash(), s.info().get("trainHash"));
        assertEquals(s.test().contentHash(), s.info().get("testHash"));
        // a corrupt file is named with its full path
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 0, 0});
        GengeoException e = assertThrows(GengeoException.class,
                () -> DataSources.load(new DataConfig("mnist", tmp, null, null, null, false, 0, false, 0, false, 1)));
        assertTrue(e.getMessage().startsWith(tmp.resolve("t10k-labels-idx1-ubyte.gz") + ": unreadable gzip data"), e.getMessage());
    }

    @Test
    void cifarBatchesLoadFromTheDirectoryOrItsBatchFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) {
            byte[] rec = new byte[CifarReader.Format.CIFAR10.record() * 2];
            rec[0] = (byte) b;
            rec[CifarReader.Format.CIFAR10.record()] = (byte) (b + 1);
            Files.write(dir.resolve("data_batch_" + b + ".bin"), rec);
        }
        GengeoException missing = assertThrows(GengeoException.class,
                () -> DataSources.load(new DataConfig("cifar10", tmp, null, null, null, false, 0, false, 0, false, 1)));
        assertEquals(dir + ": missing test_batch.bin", missing.getMessage());
        Files.write(dir.resolve("test_batch.bin"), new byte[CifarReader.Format.CIFAR10.record()]);
        for (Path given : new Path[] {tmp, dir}) {
            DataSplit s = DataSources.load(new DataConfig("cifar10", given, null, null, null, false, 0, false, 0, false, 1));
            assertEquals(10, s.train().size());
            assertEquals(1, s.test().size());
            assertArrayEquals(new int[] {3, 32, 32}, s.train().sampleShape());
            assertArrayEquals(new int[] {1, 2, 2, 3, 3, 4, 4, 5, 5, 6}, s.train().labels());
            assertEquals(6, ((java.util.Map<?, ?>) s.info().get("rawHashes")).size());
        }
        GengeoException noDir = assertThrows(GengeoException.class, () -> DataSources.load(config("cifar10")));
        assertTrue(noDir.getMessage().contains("--data cifar10 needs --data-dir"), noDir.getMessage());
    }

    private static DataSplit fine(Path dir) {
        return DataSources.load(new DataConfig("cifar100", dir, null, null, null, false, 0, false, 0, false, 1));
    }

    @Test
    void cifar100LoadsTrainAndTestBinWithFineOrCoarseLabels() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cifar-100-binary"));
        int rec = CifarReader.Format.CIFAR100_FINE.record();
        byte[] train = new byte[3 * rec];
        for (int r = 0; r < 3; r++) {
            train[r * rec] = (byte) (17 + r);
            train[r * rec + 1] = (byte) (97 + r);
        }
        Files.write(dir.resolve("train.bin"), train);
        GengeoException missing = assertThrows(GengeoException.class,
                () -> DataSources.load(new DataConfig("cifar100", tmp, null, null, null, false, 0, false, 0, false, 1)));
        assertEquals(dir + ": missing test.bin", missing.getMessage());
        Files.write(dir.resolve("test.bin"), Arrays.copyOf(train, rec));
        for (Path given : new Path[] {tmp, dir}) {
            DataSplit fine = DataSources.load(new DataConfig("cifar100", given, null, null, null, false, 0, false, 0, false, 1));
            assertArrayEquals(new int[] {97, 98, 99}, fine.train().labels());
            assertArrayEquals(new int[] {97}, fine.test().labels());
            assertEquals(100, fine.train().numClasses());
            assertEquals(dir.toString(), fine.info().get("source"));
            DataSplit coarse = DataSources.load(new DataConfig("cifar100-coarse", given, null, null, null, false, 0, false, 0, false, 1));
            assertArrayEquals(new int[] {17, 18, 19}, coarse.train().labels());
            assertEquals(20, coarse.train().numClasses());
        }
        DataSplit normalised = DataSources.load(new DataConfig("cifar100", dir, null, null, null, false, 0, false, 0, false,
                "0.5,0.25,0:0.5,0.25,2", 1));
        ChannelNormalization n = (ChannelNormalization) normalised.info().get("normalization");
        assertEquals(ChannelNormalization.GIVEN, n.source());
        assertArrayEquals(new double[] {-1, -1, 0}, normalised.black(), "raw black after (0 - mean) / std");
        assertEquals(-1f, normalised.train().features()[0]);
        assertEquals(0f, normalised.train().features()[3071]);
        assertArrayEquals(new double[] {0, 0, 0}, fine(dir).black(), "no normalisation: black is 0");
        GengeoException both = assertThrows(GengeoException.class, () -> DataSources.load(new DataConfig("cifar100", dir, null, null,
                null, false, 0, false, 0, true, "channel", 1)));
        assertEquals("--standardize and --normalize exclude each other", both.getMessage());
        GengeoException noDir = assertThrows(GengeoException.class, () -> DataSources.load(config("cifar100")));
        assertEquals("--data cifar100 needs --data-dir pointing at CIFAR-100's binary version (train.bin, test.bin)", noDir.getMessage());
    }

    @Test
    void impossibleOptionsAreOneLineErrors() {
        DataConfig base = config("fashion-mnist-embedded");
        String[][] cases = {
            {"1.5", "--label-noise must be in [0, 1], got 1.5"},
            {"NaN", "--label-noise must be in [0, 1], got NaN"},
        };
        for (String[] c : cases) {
            GengeoException e = assertThrows(GengeoException.class,
                    () -> DataSources.load(with(base, 10, 10, false, Double.parseDouble(c[0]), false, 0, false)));
            assertEquals(c[1], e.getMessage());
        }
        assertThrows(GengeoException.class, () -> DataSources.load(with(base, 10, 10, false, 0.1, true, 0, false)));
        assertThrows(GengeoException.class, () -> DataSources.load(with(base, 10, 10, false, 0, false, -1, false)));
        GengeoException zero = assertThrows(GengeoException.class, () -> DataSources.load(with(base, 0, 10, false, 0, false, 0, false)));
        assertEquals("--train-size must be at least 1, got 0", zero.getMessage());
        GengeoException test = assertThrows(GengeoException.class, () -> DataSources.load(with(base, 10, 1001, false, 0, false, 0, false)));
        assertTrue(test.getMessage().contains("--test-size 1001 is outside 1..1000"), test.getMessage());
        GengeoException one = assertThrows(GengeoException.class,
                () -> DataSources.load(new DataConfig("fashion-mnist-embedded", null, null, null, new int[] {3}, false, 0, false, 0, false, 1)));
        assertTrue(one.getMessage().contains("at least two classes"), one.getMessage());
        GengeoException synth = assertThrows(GengeoException.class,
                () -> DataSources.load(new DataConfig("gaussians", null, null, null, new int[] {1, 2}, false, 0, false, 0, false, 1)));
        assertTrue(synth.getMessage().contains("--classes applies to the image data sets"), synth.getMessage());
    }

    @Test
    void sizeSubsetsAreSeededAndExact() {
        DataConfig c = with(config("fashion-mnist-embedded"), 300, 200, false, 0, false, 0, false);
        DataSplit a = DataSources.load(c);
        DataSplit b = DataSources.load(c);
        assertEquals(300, a.train().size());
        assertEquals(200, a.test().size());
        assertEquals(a.train().contentHash(), b.train().contentHash());
        DataConfig other = new DataConfig(c.name(), null, 300, 200, null, false, 0, false, 0, false, 2);
        assertNotEquals(a.train().contentHash(), DataSources.load(other).train().contentHash());
        GengeoException e = assertThrows(GengeoException.class,
                () -> DataSources.load(with(config("fashion-mnist-embedded"), 3000, null, false, 0, false, 0, false)));
        assertTrue(e.getMessage().contains("--train-size 3000 is outside 1..2500"), e.getMessage());
    }

    @Test
    void labelNoiseCorruptsExactlyTheRecordedIndices() {
        DataSplit clean = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, false, 0, false, 0, false));
        DataSplit noisy = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, false, 0.2, false, 0, false));
        int[] corrupted = (int[]) noisy.info().get("corruptedIndices");
        assertEquals(200, corrupted.length);
        int changed = 0;
        for (int i = 0; i < 1000; i++) {
            boolean differs = clean.train().labels()[i] != noisy.train().labels()[i];
            assertEquals(differs, Arrays.binarySearch(corrupted, i) >= 0, "index " + i);
            changed += differs ? 1 : 0;
        }
        assertEquals(200, changed);
        assertArrayEquals(clean.test().labels(), noisy.test().labels());
        DataSplit again = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, false, 0.2, false, 0, false));
        assertArrayEquals(corrupted, (int[]) again.info().get("corruptedIndices"));
        assertArrayEquals(noisy.train().labels(), again.train().labels());
        DataSplit otherSeed = DataSources.load(new DataConfig("fashion-mnist-embedded", null, 1000, 100, null, false, 0.2, false, 0, false, 2));
        assertEquals(200, ((int[]) otherSeed.info().get("corruptedIndices")).length);
        assertFalse(Arrays.equals(corrupted, (int[]) otherSeed.info().get("corruptedIndices")));
        // binary data with 0.3 noise: exactly 30 % flipped, each one to the other class
        DataSplit bin = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, true, 0, false, 0, false));
        DataSplit binNoisy = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, true, 0.3, false, 0, false));
        int[] flipped = (int[]) binNoisy.info().get("corruptedIndices");
        assertEquals(300, flipped.length);
        for (int i : flipped) {
            assertEquals(1 - bin.train().labels()[i], binNoisy.train().labels()[i]);
        }
        // the round(F * n) rule: 0.1255 of 1000 is 126 (rounded half up)
        DataSplit rounding = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, false, 0.1255, false, 0, false));
        assertEquals(126, ((int[]) rounding.info().get("corruptedIndices")).length);
    }

    @Test
    void randomLabelsAndBinaryRelabelling() {
        DataSplit clean = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, false, 0, false, 0, false));
        DataSplit bin = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, true, 0, false, 0, false));
        assertEquals(2, bin.train().numClasses());
        for (int i = 0; i < 1000; i++) {
            assertEquals(clean.train().labels()[i] >= 5 ? 1 : 0, bin.train().labels()[i]);
        }
        DataSplit random = DataSources.load(with(config("fashion-mnist-embedded"), 1000, 100, false, 0, true, 0, false));
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            same += clean.train().labels()[i] == random.train().labels()[i] ? 1 : 0;
        }
        assertTrue(same > 50 && same < 150, "about a tenth of random labels match by chance: " + same);
    }

    @Test
    void attackPointsAreUnusedExamplesWithFlippedLabels() {
        DataConfig c = with(config("fashion-mnist-embedded"), 500, 100, true, 0, false, 50, false);
        DataSplit s = DataSources.load(c);
        assertEquals(550, s.train().size());
        int[] attack = (int[]) s.info().get("attackIndices");
        assertEquals(50, attack.length);
        assertEquals(500, attack[0]);
        // the attack images come from the unused training examples: the next 50 of the permutation, labels flipped
        DataSplit bigger = DataSources.load(with(config("fashion-mnist-embedded"), 550, 100, true, 0, false, 0, false));
        int d = s.train().featureSize();
        for (int k = 0; k < 50; k++) {
            assertArrayEquals(Arrays.copyOfRange(bigger.train().features(), (500 + k) * d, (501 + k) * d),
                    Arrays.copyOfRange(s.train().features(), (500 + k) * d, (501 + k) * d));
            assertEquals(1 - bigger.train().labels()[500 + k], s.train().labels()[500 + k]);
        }
        GengeoException e = assertThrows(GengeoException.class,
                () -> DataSources.load(with(config("fashion-mnist-embedded"), 2490, 100, true, 0, false, 50, false)));
        assertTrue(e.getMessage().contains("only 10 are left"), e.getMessage());
    }

    @Test
    void multiclassAttackLabelsAreWrongAndTheCleanPartIsUntouched() {
        DataSplit clean = DataSources.load(with(config("fashion-mnist-embedded"), 400, 100, false, 0, false, 0, false));
        DataSplit attacked = DataSources.load(with(config("fashion-mnist-embedded"), 400, 100, false, 0, false, 30, false));
        DataSplit bigger = DataSources.load(with(config("fashion-mnist-embedded"), 430, 100, false, 0, false, 0, false));
        assertArrayEquals(java.util.stream.IntStream.range(400, 430).toArray(), (int[]) attacked.info().get("attackIndices"));
        int d = clean.train().featureSize();
        assertArrayEquals(clean.train().features(), Arrays.copyOf(attacked.train().features(), 400 * d));
        assertArrayEquals(clean.train().labels(), Arrays.copyOf(attacked.train().labels(), 400));
        assertEquals(clean.test().contentHash(), attacked.test().contentHash());
        for (int i = 400; i < 430; i++) {
            assertNotEquals(bigger.train().labels()[i], attacked.train().labels()[i], "attack label " + i + " must be wrong");
        }
        // synthetic sets: the attack pool is an extra draw, the clean training set does not change
        DataSplit g = DataSources.load(with(config("gaussians"), 100, 50, false, 0, false, 0, false));
        DataSplit ga = DataSources.load(with(config("gaussians"), 100, 50, false, 0, false, 20, false));
        assertEquals(120, ga.train().size());
        assertArrayEquals(g.train().labels(), Arrays.copyOf(ga.train().labels(), 100));
        assertArrayEquals(g.train().features(), Arrays.copyOf(ga.train().features(), 100 * 20));
    }

    @Test
    void standardisationUsesTrainingStatistics() {
        DataSplit s = DataSources.load(with(config("fashion-mnist-embedded"), 500, 100, false, 0, false, 0, true));
        DataTransforms.Standardization after = DataTransforms.statistics(s.train());
        assertEquals(0, after.mean(), 1e-5);
        assertEquals(1, after.std(), 1e-5);
        DataTransforms.Standardization used = (DataTransforms.Standardization) s.info().get("standardization");
        DataSplit raw = DataSources.load(with(config("fashion-mnist-embedded"), 500, 100, false, 0, false, 0, false));
        DataTransforms.Standardization before = DataTransforms.statistics(raw.train());
        assertEquals(before, used);
        for (int i = 0; i < raw.test().features().length; i += 997) {
            assertEquals((raw.test().features()[i] - used.mean()) / used.std(), s.test().features()[i], 1e-5);
        }
    }

    @Test
    void classSubsetsRelabelInTheGivenOrder() {
        DataConfig c = new DataConfig("fashion-mnist-embedded", null, null, null, new int[] {7, 2}, false, 0, false, 0, false, 1);
        DataSplit s = DataSources.load(c);
        assertEquals(500, s.train().size());
        assertEquals(2, s.train().numClasses());
        assertEquals(200, s.test().size());
    }

    @Test
    void syntheticSetsAreDeterministicPerSeed() {
        for (String kind : new String[] {"gaussians", "teacher", "spirals"}) {
            DataSplit a = DataSources.load(with(config(kind), 100, 50, false, 0, false, 0, false));
            DataSplit b = DataSources.load(with(config(kind), 100, 50, false, 0, false, 0, false));
            DataSplit other = DataSources.load(new DataConfig(kind, null, 100, 50, null, false, 0, false, 0, false, 9));
            assertEquals(a.train().contentHash(), b.train().contentHash(), kind);
            assertNotEquals(a.train().contentHash(), other.train().contentHash(), kind);
            assertEquals(100, a.train().size());
            assertEquals(kind.equals("spirals") ? 2 : 20, a.train().featureSize());
            assertEquals(1000, DataSources.load(config(kind)).train().size());
            assertEquals(1000, DataSources.load(config(kind)).test().size());
            assertArrayEquals(new int[] {kind.equals("spirals") ? 2 : 20}, a.test().sampleShape());
            int classes = kind.equals("spirals") ? 2 : 10;
            assertEquals(classes, a.train().numClasses());
            long used = Arrays.stream(a.train().labels()).distinct().count();
            assertTrue(used >= Math.min(classes, 5), kind + " uses only " + used + " classes");
            assertNotEquals(a.train().contentHash(), a.test().contentHash(), kind + ": train and test are independent draws");
        }
    }

    @Test
    void contentHashSeesOneChangedLabel() {
        Dataset d = DataSources.load(with(config("spirals"), 10, 10, false, 0, false, 0, false)).train();
        int[] y = d.labels().clone();
        y[3] = 1 - y[3];
        assertNotEquals(d.contentHash(), d.withLabels(y, 2).contentHash());
        assertEquals(d.contentHash(), d.withLabels(d.labels().clone(), 2).contentHash());
        float[] x = d.features().clone();
        x[0] = Math.nextUp(x[0]);
        assertNotEquals(d.contentHash(), new Dataset(d.name(), d.sampleShape(), x, d.labels(), 2).contentHash());
    }

    @Test
    void selectCopiesRowsInOrderAndTheRecordChecksItsArrays() {
        Dataset d = new Dataset("t", new int[] {2}, new float[] {0, 1, 10, 11, 20, 21}, new int[] {0, 1, 2}, 3);
        Dataset s = d.select(new int[] {2, 0, 2});
        assertArrayEquals(new float[] {20, 21, 0, 1, 20, 21}, s.features());
        assertArrayEquals(new int[] {2, 0, 2}, s.labels());
        assertEquals(3, s.size());
        assertEquals(2, s.featureSize());
        assertThrows(IllegalArgumentException.class, () -> new Dataset("t", new int[] {2}, new float[5], new int[] {0, 1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("t", new int[] {2}, new float[6], new int[] {0, 1, 3}, 3));
    }
}
