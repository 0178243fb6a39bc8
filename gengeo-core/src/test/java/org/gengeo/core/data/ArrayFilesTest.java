package org.gengeo.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

/** Data from NumPy files goes through the same transformations as the built-in sets, hashes recorded. */
class ArrayFilesTest {
    static String fixture(String name) throws Exception {
        return Path.of(ArrayFilesTest.class.getResource("/org/gengeo/core/script/" + name).toURI()).toString();
    }

    private static DataConfig files(String train, String test, Integer trainSize, boolean standardize) {
        return new DataConfig("mine", null, trainSize, null, null, false, 0, false, 0, standardize, null, 3, train, test);
    }

    @Test
    void npyPairsAndNpzArchivesLoadWithSubsetsStandardisationAndHashes() throws Exception {
        String pair = fixture("cnn_x.npy") + "," + fixture("cnn_y.npy");
        DataSplit split = DataSources.load(files(pair, pair, 10, true));
        assertEquals(10, split.train().size());
        assertEquals(16, split.test().size());
        assertArrayEquals(new int[] {3, 8, 8}, split.train().sampleShape());
        assertEquals(3, split.train().numClasses());
        @SuppressWarnings("unchecked")
        Map<String, String> hashes = (Map<String, String>) split.info().get("rawHashes");
        assertEquals(2, hashes.size());
        assertTrue(hashes.values().stream().allMatch(h -> h.length() == 64));
        double mean = 0;
        for (float v : split.train().features()) {
            mean += v;
        }
        assertEquals(0, mean / split.train().features().length, 1e-5, "standardised with the training statistics");
        DataSplit npz = DataSources.load(files(fixture("resmlp_x.npz"), fixture("resmlp_x.npz"), null, false));
        assertArrayEquals(new int[] {6}, npz.train().sampleShape());
        assertEquals(npz.train().contentHash(), npz.test().contentHash());
    }

    @Test
    void uint8ImagesAreDividedBy255AndBadCombinationsAreRefused(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String u8 = fixture("u8_x.npy");
        Path st = tmp.resolve("u8.safetensors");
        java.nio.ByteBuffer y = java.nio.ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : new long[] {0, 1, 0, 1, 1}) {
            y.putLong(v);
        }
        java.util.Map<String, org.gengeo.core.io.TensorData> t = new java.util.LinkedHashMap<>();
        t.put("x", org.gengeo.core.io.Npy.read(Path.of(u8)));
        t.put("y", new org.gengeo.core.io.TensorData(org.gengeo.core.io.DType.I64, new long[] {5}, y.array()));
        org.gengeo.core.io.Safetensors.write(st, t, Map.of());
        DataSplit images = DataSources.load(files(st.toString(), st.toString(), null, false));
        assertEquals(13 / 255f, images.train().features()[1], 0f);
        assertEquals(2, images.train().numClasses());
        GengeoException labels = assertThrows(GengeoException.class,
                () -> DataSources.load(files(u8 + "," + u8, u8 + "," + u8, null, false)));
        assertTrue(labels.getMessage().contains("labels 'y'"), labels.getMessage());
        GengeoException builtIn = assertThrows(GengeoException.class, () -> DataSources.load(
                new DataConfig("mnist", null, null, null, null, false, 0, false, 0, false, null, 0, u8, u8)));
        assertTrue(builtIn.getMessage().contains("built-in"), builtIn.getMessage());
        GengeoException alone = assertThrows(GengeoException.class, () -> DataSources.load(
                new DataConfig("mine", null, null, null, null, false, 0, false, 0, false, null, 0, u8, null)));
        assertTrue(alone.getMessage().contains("go together"), alone.getMessage());
        String pair = fixture("cnn_x.npy") + "," + fixture("cnn_y.npy");
        GengeoException shapes = assertThrows(GengeoException.class,
                () -> DataSources.load(files(pair, fixture("resmlp_x.npz"), null, false)));
        assertTrue(shapes.getMessage().contains("differ"), shapes.getMessage());
    }
}
