package org.gengeo.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Small generated data sets in CIFAR-10's binary format (the real files are not on the test
 * machines): {@code data_batch_1.bin} ... {@code data_batch_5.bin} and {@code test_batch.bin} in a
 * {@code cifar-10-batches-bin} folder. Labels are uniform; class k colours its image with mean red,
 * green and blue levels 0.2 + 0.3 (k mod 3), 0.2 + 0.3 (floor(k / 3) mod 3) and 0.2 or 0.8 (k &lt; 9 or
 * not), plus independent uniform pixel noise of +-0.25, so the class survives crops and flips and a
 * small convolutional network learns it in a few epochs.
 */
public final class CifarFiles {
    private CifarFiles() {}

    /**
     * Writes {@code perBatch} records into each training batch file and {@code test} into the test
     * file under {@code dir}, from {@code seed}; returns {@code dir}.
     */
    public static Path cifar10(Path dir, int perBatch, int test, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        try {
            Path base = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
            for (int b = 1; b <= 5; b++) {
                Files.write(base.resolve("data_batch_" + b + ".bin"), records(perBatch, rng));
            }
            Files.write(base.resolve("test_batch.bin"), records(test, rng));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] records(int n, SplittableRandom rng) {
        int rec = CifarReader.Format.CIFAR10.record();
        byte[] out = new byte[n * rec];
        for (int r = 0; r < n; r++) {
            int k = rng.nextInt(10);
            out[r * rec] = (byte) k;
            double[] level = {0.2 + 0.3 * (k % 3), 0.2 + 0.3 * ((k / 3) % 3), k < 9 ? 0.2 : 0.8};
            for (int p = 0; p < CifarReader.PIXELS; p++) {
                double v = level[p / 1024] + (rng.nextDouble() - 0.5) * 0.5;
                out[r * rec + 1 + p] = (byte) Math.round(255 * Math.min(1, Math.max(0, v)));
            }
        }
        return out;
    }
}
