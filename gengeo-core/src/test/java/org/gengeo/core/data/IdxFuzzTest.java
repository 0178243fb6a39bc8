package org.gengeo.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gengeo.core.fuzz.FuzzOutcomes;

/**
 * Coverage-guided fuzzing (Jazzer) of the IDX reader, raw and gzip (magic, dimensions, strict gzip, pixel memory bound), with a label file that fits the images it claims: every input must give a result or a one-line
 * GengeoException ({@link FuzzOutcomes}). Two seconds in the default suite; {@link IdxFuzzLongTest} runs a minute.
 */
class IdxFuzzTest {
    @FuzzTest(maxDuration = "2s")
    void idx(byte[] input) {
        FuzzOutcomes.check("idx", () -> IdxReader.images("fuzz", new RawFile("images", input), new RawFile("labels", IdxFuzzTest.labelsFor(input))));
    }

    /** A label file of as many labels (all 0) as the image header claims, at most 10^5, so the images' checks are reached. */
    static byte[] labelsFor(byte[] images) {
        int n = 0;
        if (images.length >= 8 && (images[0] & 0xff) != 0x1f) {
            n = Math.max(0, Math.min(100_000, java.nio.ByteBuffer.wrap(images, 4, 4).getInt()));
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + n);
        b.putInt(IdxReader.LABELS).putInt(n);
        return b.array();
    }
}
