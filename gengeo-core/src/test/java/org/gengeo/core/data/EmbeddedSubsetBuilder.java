package org.gengeo.core.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the embedded Fashion-MNIST subset from the full IDX files: the first {@value #TRAIN_PER_CLASS}
 * training images of each class and the first {@value #TEST_PER_CLASS} test images of each class, in
 * the files' order. Regenerate the resources (after {@code mvn -pl gengeo-core test-compile}) with
 * <pre>
 * java -cp gengeo-core/target/classes:gengeo-core/target/test-classes org.gengeo.core.data.EmbeddedSubsetBuilder \
 *     /usr/share/datasets/fashion-mnist gengeo-core/src/main/resources/org/gengeo/core/data/fashion-mnist-subset
 * </pre>
 * The gzip streams carry mtime 0 and no file name, so the output bytes depend only on the input and
 * on the JDK's zlib (JDK 17's gives byte-identical files). {@link EmbeddedSubsetTest} checks that
 * the shipped files hold exactly this selection.
 */
public final class EmbeddedSubsetBuilder {
    static final int TRAIN_PER_CLASS = 250;
    static final int TEST_PER_CLASS = 100;

    private EmbeddedSubsetBuilder() {}

    /** Indices of the first {@code perClass} examples of each class, in file order. */
    static int[] firstPerClass(byte[] labels, int perClass) {
        int[] taken = new int[10];
        int[] out = new int[10 * perClass];
        int n = 0;
        for (int i = 0; i < labels.length && n < out.length; i++) {
            int c = labels[i] & 0xff;
            if (taken[c] < perClass) {
                taken[c]++;
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** IDX bytes (uncompressed) of the selected images and labels: {images, labels}. */
    static byte[][] select(IdxReader.Idx images, IdxReader.Idx labels, int perClass) throws IOException {
        int[] idx = firstPerClass(labels.data(), perClass);
        int rows = images.dims()[1];
        int cols = images.dims()[2];
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        DataOutputStream di = new DataOutputStream(img);
        di.writeInt(IdxReader.IMAGES);
        di.writeInt(idx.length);
        di.writeInt(rows);
        di.writeInt(cols);
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        DataOutputStream dl = new DataOutputStream(lab);
        dl.writeInt(IdxReader.LABELS);
        dl.writeInt(idx.length);
        for (int i : idx) {
            di.write(images.data(), i * rows * cols, rows * cols);
            dl.write(labels.data()[i]);
        }
        return new byte[][] {img.toByteArray(), lab.toByteArray()};
    }

    /** Gzip with the JDK defaults (mtime 0, no name), so equal input gives equal bytes. */
    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** Writes the subset: {@code args[0]} the directory of the full .gz files, {@code args[1]} the output directory. */
    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]);
        Path dst = Path.of(args[1]);
        Files.createDirectories(dst);
        for (String part : new String[] {"train", "t10k"}) {
            IdxReader.Idx images = IdxReader.read(RawFile.of(src.resolve(part + "-images-idx3-ubyte.gz")), IdxReader.IMAGES);
            IdxReader.Idx labels = IdxReader.read(RawFile.of(src.resolve(part + "-labels-idx1-ubyte.gz")), IdxReader.LABELS);
            byte[][] sel = select(images, labels, part.equals("train") ? TRAIN_PER_CLASS : TEST_PER_CLASS);
            Files.write(dst.resolve(part + "-images-idx3-ubyte.gz"), gzip(sel[0]));
            Files.write(dst.resolve(part + "-labels-idx1-ubyte.gz"), gzip(sel[1]));
        }
    }
}
