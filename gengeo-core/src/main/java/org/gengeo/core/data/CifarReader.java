package org.gengeo.core.data;

import java.util.List;
import org.gengeo.core.GengeoException;

/**
 * Reader of the binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky 2009; the format described on
 * https://www.cs.toronto.edu/~kriz/cifar.html). A record is its label bytes followed by 3072 pixel
 * bytes, the red, green and blue 32 x 32 planes in row-major order, which is already PyTorch's
 * [C, H, W] layout. CIFAR-10 has one label byte (0-9); CIFAR-100 has two, the coarse label (0-19,
 * the superclass) and then the fine label (0-99). Pixels are divided by 255.
 */
final class CifarReader {
    /** Pixel bytes per record: 3 x 32 x 32. */
    static final int PIXELS = 3 * 32 * 32;

    /**
     * One record layout and which of its label bytes is the class.
     *
     * @param set        data set name for messages ({@code CIFAR-10}, {@code CIFAR-100})
     * @param labelBytes label bytes before the pixels
     * @param labelAt    which of them is the class (0-based)
     * @param classes    number of classes of that label
     */
    record Format(String set, int labelBytes, int labelAt, int classes) {
        /** CIFAR-10: one label byte, 10 classes. */
        static final Format CIFAR10 = new Format("CIFAR-10", 1, 0, 10);
        /** CIFAR-100 with the fine label (second byte), 100 classes. */
        static final Format CIFAR100_FINE = new Format("CIFAR-100", 2, 1, 100);
        /** CIFAR-100 with the coarse label (first byte), 20 superclasses. */
        static final Format CIFAR100_COARSE = new Format("CIFAR-100", 2, 0, 20);

        /** Bytes per record. */
        int record() {
            return labelBytes + PIXELS;
        }
    }

    private CifarReader() {}

    /**
     * The examples of several files of one format, concatenated in order.
     *
     * @throws GengeoException naming the file: empty, not a whole number of records, a label outside
     *     0..classes-1, or more examples than one array holds
     */
    static Dataset read(String name, Format format, List<RawFile> files) {
        long total = 0;
        for (RawFile f : files) {
            total += check(f, format);
        }
        if (total * PIXELS > IdxReader.MAX_DATA_BYTES) {
            throw new GengeoException(files.get(0).name() + " and the other files hold " + total
                    + " records, more than fit in memory as one array");
        }
        int n = (int) total;
        int rec = format.record();
        float[] x = new float[n * PIXELS];
        int[] y = new int[n];
        int at = 0;
        for (RawFile f : files) {
            byte[] b = f.bytes();
            for (int r = 0; r < b.length / rec; r++, at++) {
                int start = r * rec;
                y[at] = b[start + format.labelAt()] & 0xff;
                if (y[at] >= format.classes()) {
                    throw new GengeoException(f.name() + ": label " + y[at] + " of record " + r + " is outside 0.."
                            + (format.classes() - 1));
                }
                for (int k = 0; k < PIXELS; k++) {
                    x[at * PIXELS + k] = (b[start + format.labelBytes() + k] & 0xff) / 255f;
                }
            }
        }
        return new Dataset(name, new int[] {3, 32, 32}, x, y, format.classes());
    }

    private static int check(RawFile f, Format format) {
        int len = f.bytes().length;
        if (len == 0) {
            throw new GengeoException(f.name() + ": empty file");
        }
        if (len % format.record() != 0) {
            throw new GengeoException(f.name() + ": " + len + " bytes is not a whole number of " + format.record()
                    + "-byte " + format.set() + " records (truncated or not the binary version?)");
        }
        return len / format.record();
    }
}
