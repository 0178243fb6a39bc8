package org.gengeo.core.data;

import java.util.List;
import org.gengeo.core.GengeoException;

/**
 * Reader of CIFAR-10's binary version: records of 1 label byte (0-9) and 3072 pixel bytes, the red,
 * green and blue 32 x 32 planes in row-major order, which is already PyTorch's [C, H, W] layout.
 */
final class Cifar10Reader {
    /** Bytes per record: one label byte and 3 x 32 x 32 pixel bytes. */
    static final int RECORD = 1 + 3 * 32 * 32;

    private Cifar10Reader() {}

    /**
     * The examples of several batch files, concatenated in order.
     *
     * @throws GengeoException naming the file: empty, not a whole number of records, label above 9,
     *     or more examples than one array holds
     */
    static Dataset read(String name, List<RawFile> files) {
        long total = 0;
        for (RawFile f : files) {
            total += check(f);
        }
        if (total * (RECORD - 1) > IdxReader.MAX_DATA_BYTES) {
            throw new GengeoException(files.get(0).name() + " and the other batch files hold " + total
                    + " records, more than fit in memory as one array");
        }
        Pixels.requireMemory(files.get(0).name(), total * (RECORD - 1));
        int n = (int) total;
        float[] x = new float[n * (RECORD - 1)];
        int[] y = new int[n];
        int at = 0;
        for (RawFile f : files) {
            byte[] b = f.bytes();
            for (int r = 0; r < b.length / RECORD; r++, at++) {
                y[at] = b[r * RECORD] & 0xff;
                if (y[at] > 9) {
                    throw new GengeoException(f.name() + ": label " + y[at] + " of record " + r + " is outside 0..9");
                }
                for (int k = 1; k < RECORD; k++) {
                    x[at * (RECORD - 1) + k - 1] = (b[r * RECORD + k] & 0xff) / 255f;
                }
            }
        }
        return new Dataset(name, new int[] {3, 32, 32}, x, y, 10);
    }

    private static int check(RawFile f) {
        int len = f.bytes().length;
        if (len == 0) {
            throw new GengeoException(f.name() + ": empty file");
        }
        if (len % RECORD != 0) {
            throw new GengeoException(f.name() + ": " + len + " bytes is not a whole number of " + RECORD
                    + "-byte CIFAR-10 records (truncated or not the binary version?)");
        }
        return len / RECORD;
    }
}
