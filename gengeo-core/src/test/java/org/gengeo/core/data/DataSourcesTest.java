package org.gengeo.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        String old = System.getProperty("gengeo.fashionMnistDir");
        System.setProperty("gengeo.fashionMnistDir", tmp.resolve("absent").toString());
        try {
            assertEquals("embedded", DataSources.load(config("fashion-mnist")).info().get("source"));
        } finally {
            if (old == null) {
                System.clearProperty("gengeo.fashionMnistDir");
            } else {
                System.setProperty("gengeo.fashionMnistDir", old);
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
    }

    @Test
    void dataDirWithAMissingFileIsNamed() throws Exception {
        Files.write(tmp.resolve("train-images-idx3-ubyte"), IdxReaderTest.images(2));
        DataConfig c = new DataConfig("mnist", tmp, null, null, null, false, 0, false, 0, false, 1);
        GengeoException e = assertThrows(GengeoException.class, () -> DataSources.load(c));
        assertTrue(e.getMessage().contains("missing train-labels-idx1-ubyte"), e.getMessage());
        GengeoException unknown = assertThrows(GengeoException.class, () -> DataSources.load(config("imagenet")));
        assertTrue(unknown.getMessage().contains("unknown data set 'imagenet'"), unknown.getMessage());
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
    void standardisationUsesTrainingStatistics() {
        DataSplit s = DataSources.load(with(config("fashion-mnist-embedded"), 500, 100, false, 0, false, 0, true));
        DataTransforms.Standardization after = DataTransforms.statistics(s.train());
        assertEquals(0, after.mean(), 1e-5);
        assertEquals(1, after.std(), 1e-5);
        assertTrue(s.info().get("standardization") instanceof DataTransforms.Standardization);
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
        }
    }

    @Test
    void contentHashSeesOneChangedLabel() {
        Dataset d = DataSources.load(with(config("spirals"), 10, 10, false, 0, false, 0, false)).train();
        int[] y = d.labels().clone();
        y[3] = 1 - y[3];
        assertNotEquals(d.contentHash(), d.withLabels(y, 2).contentHash());
    }
}
