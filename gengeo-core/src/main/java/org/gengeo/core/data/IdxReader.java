package org.gengeo.core.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.gengeo.core.GengeoException;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (recognised by its
 * magic bytes, not its name; see {@link StrictGzip}, which refuses bytes after the gzip data). Header: big-endian magic 0x0000TTDD (TT = 0x08 for unsigned bytes, DD
 * the number of dimensions), then DD big-endian int32 sizes, then the data. Images have DD = 3
 * (count, rows, cols); labels DD = 1. The claimed size is checked for sanity first and the data is
 * read in chunks as it arrives, so a hostile header cannot make the reader allocate what the file
 * does not hold; a header whose pixels would not fit in the heap left is refused once the first
 * 64 MiB of data have arrived ({@link Pixels#requireMemory}), so a small gzip file that really expands to gigabytes is a
 * one-line error, not an out-of-memory one.
 */
final class IdxReader {
    /** Magic number of an unsigned-byte image file. */
    static final int IMAGES = 0x00000803;
    /** Magic number of an unsigned-byte label file. */
    static final int LABELS = 0x00000801;
    /** Largest example count a header may claim. */
    static final int MAX_COUNT = 10_000_000;
    /** Largest row or column count a header may claim. */
    static final int MAX_SIDE = 4096;
    /** Largest data size (count x rows x cols) a header may claim: what one Java array can hold. */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 16;

    /** Data bytes read before the claim is checked against the heap (a truncated file is reported as such first). */
    static final int MEMORY_CHECK_FROM = 1 << 26;

    private IdxReader() {}

    /** Dimensions and data of an IDX file. */
    record Idx(int[] dims, byte[] data) {}

    /**
     * Reads and checks one IDX file whose magic number must be {@code expectedMagic}.
     *
     * @throws GengeoException naming the file and the problem: wrong magic number, truncated header
     *     or data, absurd dimensions, trailing bytes, corrupt gzip data
     */
    static Idx read(RawFile file, int expectedMagic) {
        try (InputStream in = open(file)) {
            int magic = headerInt(in, file, "no complete IDX header (magic number)");
            if (magic != expectedMagic) {
                throw new GengeoException(String.format("%s: wrong magic number 0x%08x, expected 0x%08x (%s)", file.name(), magic,
                        expectedMagic, expectedMagic == IMAGES ? "an IDX image file" : "an IDX label file"));
            }
            int[] dims = new int[magic & 0xff];
            long total = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = headerInt(in, file, "header ends after " + i + " of " + dims.length + " dimensions");
                int min = i == 0 ? 0 : 1;
                int max = i == 0 ? MAX_COUNT : MAX_SIDE;
                if (dims[i] < min || dims[i] > max) {
                    throw new GengeoException(file.name() + ": absurd dimension " + Integer.toUnsignedString(dims[i]) + " in the header "
                            + "(dimension " + i + " must be " + min + ".." + max + ")");
                }
                total *= dims[i];
            }
            if (total > MAX_DATA_BYTES) {
                throw new GengeoException(file.name() + ": absurd dimensions " + Arrays.toString(dims) + " (" + total
                        + " bytes, more than " + MAX_DATA_BYTES + ")");
            }
            byte[] data = readUpTo(in, (int) total, file.name());
            if (data.length < total) {
                throw new GengeoException(file.name() + ": truncated file: header " + Arrays.toString(dims) + " needs " + total
                        + " data bytes, found " + data.length);
            }
            if (in.read() != -1) {
                throw new GengeoException(file.name() + ": trailing bytes after the " + total + " data bytes the header "
                        + Arrays.toString(dims) + " describes");
            }
            return new Idx(dims, data);
        } catch (ZipException e) {
            throw new GengeoException(file.name() + ": unreadable gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new GengeoException(file.name() + ": cannot read: " + e.getMessage());
        }
    }

    /** One big-endian int32 of the header; a short read is a truncated file. */
    private static int headerInt(InputStream in, RawFile file, String whatIsMissing) throws IOException {
        byte[] b = readUpTo(in, 4, file.name());
        if (b.length < 4) {
            throw new GengeoException(file.name() + ": truncated file: " + whatIsMissing);
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static InputStream open(RawFile file) throws IOException {
        return file.gzipped() ? new StrictGzip(file.bytes()) : new ByteArrayInputStream(file.bytes());
    }

    /**
     * Reads up to {@code n} bytes, growing the buffer only as data arrives; once {@link #MEMORY_CHECK_FROM}
     * bytes have arrived, the file is real enough that the whole claim must fit in the heap.
     */
    private static byte[] readUpTo(InputStream in, int n, String file) throws IOException {
        byte[] buf = new byte[Math.min(n, 1 << 20)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                if (filled >= MEMORY_CHECK_FROM) {
                    Pixels.requireMemory(file, n);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                break;
            }
            filled += r;
        }
        return filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    }

    /** Images as a data set: pixels / 255, shape [1, rows, cols]; labels from the label file. */
    static Dataset images(String name, RawFile imageFile, RawFile labelFile) {
        Idx images = read(imageFile, IMAGES);
        Idx labels = read(labelFile, LABELS);
        int n = images.dims()[0];
        if (labels.dims()[0] != n) {
            throw new GengeoException(imageFile.name() + " holds " + n + " images but " + labelFile.name() + " holds "
                    + labels.dims()[0] + " labels");
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[i] & 0xff;
            if (y[i] > 9) {
                throw new GengeoException(labelFile.name() + ": label " + y[i] + " of example " + i + " is outside 0..9");
            }
        }
        return new Dataset(name, new int[] {1, images.dims()[1], images.dims()[2]}, Pixels.scale(images.data()), y, 10);
    }
}
