package org.gengeo.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped subset is exactly the documented selection from the full Fashion-MNIST files. */
class EmbeddedSubsetTest {
    @Test
    void shippedFilesEqualTheDocumentedSelection() throws Exception {
        Path src = Path.of(DataSources.DEBIAN_FASHION_MNIST);
        assumeTrue(Files.isDirectory(src), "dataset-fashion-mnist not installed");
        String[][] parts = {{"train", "250"}, {"t10k", "100"}};
        for (String[] p : parts) {
            IdxReader.Idx images = IdxReader.read(RawFile.of(src.resolve(p[0] + "-images-idx3-ubyte.gz")), IdxReader.IMAGES);
            IdxReader.Idx labels = IdxReader.read(RawFile.of(src.resolve(p[0] + "-labels-idx1-ubyte.gz")), IdxReader.LABELS);
            byte[][] expected = EmbeddedSubsetBuilder.select(images, labels, Integer.parseInt(p[1]));
            String base = "/org/gengeo/core/data/fashion-mnist-subset/" + p[0];
            IdxReader.Idx shippedImages = IdxReader.read(RawFile.resource(base + "-images-idx3-ubyte.gz"), IdxReader.IMAGES);
            IdxReader.Idx shippedLabels = IdxReader.read(RawFile.resource(base + "-labels-idx1-ubyte.gz"), IdxReader.LABELS);
            IdxReader.Idx expectedImages = IdxReader.read(new RawFile("x", expected[0]), IdxReader.IMAGES);
            IdxReader.Idx expectedLabels = IdxReader.read(new RawFile("y", expected[1]), IdxReader.LABELS);
            assertArrayEquals(expectedImages.dims(), shippedImages.dims());
            assertArrayEquals(expectedImages.data(), shippedImages.data());
            assertArrayEquals(expectedLabels.dims(), shippedLabels.dims());
            assertArrayEquals(expectedLabels.data(), shippedLabels.data());
        }
    }

    @Test
    void shippedFilesFitTheSizeBudget() {
        long total = 0;
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"}) {
            total += RawFile.resource("/org/gengeo/core/data/fashion-mnist-subset/" + f).bytes().length;
        }
        assertTrue(total <= 2_000_000, "the embedded subset takes " + total + " bytes, more than 2 MB");
    }
}
