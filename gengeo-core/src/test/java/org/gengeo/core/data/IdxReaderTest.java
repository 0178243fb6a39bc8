package org.gengeo.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX and CIFAR-10 readers on valid files written here, and on every malformed case. */
class IdxReaderTest {
    @TempDir
    Path tmp;

    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(magic);
        for (int v : dims) {
            d.writeInt(v);
        }
        d.write(data);
        return out.toByteArray();
    }

    static byte[] images(int n) throws IOException {
        byte[] px = new byte[n * 2 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        return idx(IdxReader.IMAGES, new int[] {n, 2, 3}, px);
    }

    static byte[] labels(int... y) throws IOException {
        byte[] b = new byte[y.length];
        for (int i = 0; i < y.length; i++) {
            b[i] = (byte) y[i];
        }
        return idx(IdxReader.LABELS, new int[] {y.length}, b);
    }

    private static GengeoException fails(byte[] bytes, int magic) {
        return assertThrows(GengeoException.class, () -> IdxReader.read(new RawFile("f.idx", bytes), magic));
    }

    private static void assertMessage(GengeoException e, String fragment) {
        assertTrue(e.getMessage().startsWith("f.idx: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void rawAndGzipFilesGiveTheSamePixelsDividedBy255() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            byte[] img = images(3);
            byte[] lab = labels(4, 0, 9);
            RawFile fi = new RawFile("img", gz ? EmbeddedSubsetBuilder.gzip(img) : img);
            RawFile fl = new RawFile("lab", gz ? EmbeddedSubsetBuilder.gzip(lab) : lab);
            Dataset d = IdxReader.images("t", fi, fl);
            assertEquals(3, d.size());
            assertArrayEquals(new int[] {1, 2, 3}, d.sampleShape());
            assertArrayEquals(new int[] {4, 0, 9}, d.labels());
            assertEquals((byte) (5 * 37) & 0xff, Math.round(d.features()[5] * 255));
            assertEquals(0f, d.features()[0]);
        }
    }

    @Test
    void malformedFilesAreOneLineErrors() throws IOException {
        assertMessage(fails(images(2), IdxReader.LABELS), "wrong magic number 0x00000803, expected 0x00000801");
        byte[] truncated = Arrays.copyOf(images(4), 16 + 4 * 6 - 5);
        assertMessage(fails(truncated, IdxReader.IMAGES), "truncated file: header [4, 2, 3] needs 24 data bytes, found 19");
        assertMessage(fails(new byte[] {0, 0, 8}, IdxReader.IMAGES), "no complete IDX header");
        assertMessage(fails(Arrays.copyOf(images(1), 10), IdxReader.IMAGES), "header ends after 1 of 3 dimensions");
        assertMessage(fails(idx(IdxReader.IMAGES, new int[] {1, 0, 3}, new byte[0]), IdxReader.IMAGES), "absurd dimension 0");
        assertMessage(fails(idx(IdxReader.IMAGES, new int[] {1, 5000, 3}, new byte[0]), IdxReader.IMAGES), "absurd dimension 5000");
        byte[] trailing = Arrays.copyOf(labels(1, 2), labels(1, 2).length + 3);
        assertMessage(fails(trailing, IdxReader.LABELS), "trailing bytes");
        byte[] gz = EmbeddedSubsetBuilder.gzip(images(3));
        byte[] corrupt = gz.clone();
        for (int i = 12; i < corrupt.length - 8; i++) {
            corrupt[i] ^= 0x5a;
        }
        assertMessage(fails(corrupt, IdxReader.IMAGES), "unreadable gzip data");
        assertMessage(fails(Arrays.copyOf(gz, gz.length / 2), IdxReader.IMAGES), "unreadable gzip data");
    }

    @Test
    void hostileHeaderFailsFastWithoutAllocatingItsClaim() throws IOException {
        // claims 2^31-1 images of 4096 x 4096: rejected from the header alone
        byte[] hostile = idx(IdxReader.IMAGES, new int[] {Integer.MAX_VALUE, 4096, 4096}, new byte[4]);
        assertMessage(fails(hostile, IdxReader.IMAGES), "absurd dimension 2147483647");
        // plausible dimensions whose product is absurd
        byte[] product = idx(IdxReader.IMAGES, new int[] {10_000_000, 4096, 4096}, new byte[4]);
        assertMessage(fails(product, IdxReader.IMAGES), "absurd dimensions");
        // a claim the data does not back: truncation is found after reading what is there, not by allocating the claim
        byte[] claim = idx(IdxReader.IMAGES, new int[] {1_000_000, 28, 28}, new byte[20]);
        assertMessage(fails(claim, IdxReader.IMAGES), "found 20");
    }

    @Test
    void absurdDimensionsAreRejectedFromTheHeader() throws IOException {
        assertMessage(fails(idx(IdxReader.IMAGES, new int[] {10_000_001, 1, 1}, new byte[0]), IdxReader.IMAGES),
                "absurd dimension 10000001 in the header (dimension 0 must be 0..10000000)");
        assertMessage(fails(idx(IdxReader.IMAGES, new int[] {1, 28, 4097}, new byte[0]), IdxReader.IMAGES),
                "absurd dimension 4097 in the header (dimension 2 must be 1..4096)");
        assertMessage(fails(idx(IdxReader.LABELS, new int[] {-5}, new byte[0]), IdxReader.LABELS), "absurd dimension 4294967291");
        // 9,999,999 images of 28 x 28: each size is plausible, the product is not
        assertMessage(fails(idx(IdxReader.IMAGES, new int[] {9_999_999, 28, 28}, new byte[0]), IdxReader.IMAGES),
                "absurd dimensions [9999999, 28, 28] (7839999216 bytes");
    }

    @Test
    void hostileHeaderClaiming2To31ImagesInA20ByteFileFailsFast() throws IOException {
        byte[] hostile = idx(IdxReader.IMAGES, new int[] {1 << 31, 28, 28}, new byte[4]);
        assertEquals(20, hostile.length);
        GengeoException e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> fails(hostile, IdxReader.IMAGES));
        assertMessage(e, "absurd dimension 2147483648");
        // the largest claim the sanity checks let through (2,000,000 images of 32 x 32, 2 GB) with
        // 4 data bytes: found truncated after reading what is there, without allocating 2 GB
        byte[] claim = idx(IdxReader.IMAGES, new int[] {2_000_000, 32, 32}, new byte[4]);
        assertEquals(20, claim.length);
        GengeoException t = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> fails(claim, IdxReader.IMAGES));
        assertMessage(t, "truncated file: header [2000000, 32, 32] needs 2048000000 data bytes, found 4");
        // the same claim behind gzip
        byte[] gz = EmbeddedSubsetBuilder.gzip(claim);
        GengeoException g = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> fails(gz, IdxReader.IMAGES));
        assertMessage(g, "found 4");
    }

    @Test
    void gzipFilesGetTheSameChecksAsRawOnes() throws IOException {
        byte[] img = images(4);
        assertMessage(fails(EmbeddedSubsetBuilder.gzip(Arrays.copyOf(img, img.length - 1)), IdxReader.IMAGES),
                "truncated file: header [4, 2, 3] needs 24 data bytes, found 23");
        assertMessage(fails(EmbeddedSubsetBuilder.gzip(Arrays.copyOf(img, img.length + 2)), IdxReader.IMAGES), "trailing bytes");
        assertMessage(fails(EmbeddedSubsetBuilder.gzip(images(1)), IdxReader.LABELS), "wrong magic number");
        // gzip magic followed by garbage, and a stream cut inside the IDX header
        assertMessage(fails(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, IdxReader.IMAGES), "unreadable gzip data");
        assertMessage(fails(Arrays.copyOf(EmbeddedSubsetBuilder.gzip(img), 14), IdxReader.IMAGES), "unreadable gzip data");
    }

    @Test
    void wrongMagicIsPrintedInHexWithTheExpectedValue() {
        byte[] text = "hello, world, not an IDX file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertMessage(fails(text, IdxReader.IMAGES), "wrong magic number 0x68656c6c, expected 0x00000803 (an IDX image file)");
    }

    @Test
    void countMismatchAndBadLabelsNameTheFiles() throws IOException {
        GengeoException e = assertThrows(GengeoException.class,
                () -> IdxReader.images("t", new RawFile("img", images(3)), new RawFile("lab", labels(1, 2))));
        assertEquals("img holds 3 images but lab holds 2 labels", e.getMessage());
        e = assertThrows(GengeoException.class,
                () -> IdxReader.images("t", new RawFile("img", images(2)), new RawFile("lab", labels(1, 12))));
        assertTrue(e.getMessage().contains("lab: label 12 of example 1 is outside 0..9"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        GengeoException e = assertThrows(GengeoException.class, () -> RawFile.of(tmp.resolve("nope.gz")));
        assertTrue(e.getMessage().endsWith("nope.gz: file not found"));
    }

    @Test
    void cifarRecordsKeepThePlanarLayout() throws IOException {
        byte[] rec = new byte[2 * CifarReader.Format.CIFAR10.record()];
        rec[0] = 3;
        rec[1] = (byte) 255;
        rec[CifarReader.Format.CIFAR10.record()] = 7;
        rec[CifarReader.Format.CIFAR10.record() + 1 + 1024] = (byte) 51;
        Path f = tmp.resolve("data_batch_1.bin");
        Files.write(f, rec);
        Dataset d = CifarReader.read("cifar10", CifarReader.Format.CIFAR10, List.of(RawFile.of(f)));
        assertArrayEquals(new int[] {3, 7}, d.labels());
        assertArrayEquals(new int[] {3, 32, 32}, d.sampleShape());
        assertEquals(1f, d.features()[0]);
        assertEquals(0.2f, d.features()[3072 + 1024], 1e-7);
        GengeoException e = assertThrows(GengeoException.class,
                () -> CifarReader.read("c", CifarReader.Format.CIFAR10, List.of(new RawFile("short.bin", Arrays.copyOf(rec, 3000)))));
        assertTrue(e.getMessage().contains("short.bin: 3000 bytes is not a whole number of 3073-byte"), e.getMessage());
        e = assertThrows(GengeoException.class, () -> CifarReader.read("c", CifarReader.Format.CIFAR10, List.of(new RawFile("empty.bin", new byte[0]))));
        assertEquals("empty.bin: empty file", e.getMessage());
        byte[] badLabel = rec.clone();
        badLabel[0] = 10;
        e = assertThrows(GengeoException.class, () -> CifarReader.read("c", CifarReader.Format.CIFAR10, List.of(new RawFile("l.bin", badLabel))));
        assertTrue(e.getMessage().contains("label 10 of record 0 is outside 0..9"), e.getMessage());
    }

    /** Two CIFAR-100 records: coarse byte, fine byte, then the planes; the fine label is the default class. */
    @Test
    void cifar100RecordsCarryTheCoarseThenTheFineLabel() {
        int rec = CifarReader.Format.CIFAR100_FINE.record();
        assertEquals(3074, rec);
        byte[] b = new byte[2 * rec];
        b[0] = 19;
        b[1] = 99;
        b[2] = (byte) 255;                     // red (0, 0) of record 0
        b[rec] = 4;
        b[rec + 1] = 30;
        b[rec + 2 + 2048 + 33] = (byte) 102;  // blue (1, 1) of record 1
        List<RawFile> files = List.of(new RawFile("train.bin", b));
        Dataset fine = CifarReader.read("cifar100", CifarReader.Format.CIFAR100_FINE, files);
        Dataset coarse = CifarReader.read("cifar100-coarse", CifarReader.Format.CIFAR100_COARSE, files);
        assertArrayEquals(new int[] {99, 30}, fine.labels());
        assertEquals(100, fine.numClasses());
        assertArrayEquals(new int[] {19, 4}, coarse.labels());
        assertEquals(20, coarse.numClasses());
        assertArrayEquals(fine.features(), coarse.features());
        assertEquals(1f, fine.features()[0]);
        assertEquals(0.4f, fine.features()[3072 + 2048 + 33], 1e-7);
        assertEquals(0f, fine.features()[1]);
        GengeoException e = assertThrows(GengeoException.class, () -> CifarReader.read("c", CifarReader.Format.CIFAR100_FINE,
                List.of(new RawFile("ten.bin", Arrays.copyOf(b, CifarReader.Format.CIFAR10.record())))));
        assertEquals("ten.bin: 3073 bytes is not a whole number of 3074-byte CIFAR-100 records (truncated or not the binary version?)",
                e.getMessage());
        byte[] badCoarse = b.clone();
        badCoarse[rec] = 20;
        e = assertThrows(GengeoException.class, () -> CifarReader.read("c", CifarReader.Format.CIFAR100_COARSE,
                List.of(new RawFile("c.bin", badCoarse))));
        assertEquals("c.bin: label 20 of record 1 is outside 0..19", e.getMessage());
    }
}
