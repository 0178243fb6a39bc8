package org.gengeo.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.junit.jupiter.api.Tag;

/** The long run of {@link IdxFuzzTest} (slow profile): a minute of coverage-guided fuzzing of the IDX reader, raw and gzip (magic, dimensions, strict gzip, pixel memory bound), with a label file that fits the images it claims. */
@Tag("slow")
class IdxFuzzLongTest {
    @FuzzTest(maxDuration = "60s")
    void idx(byte[] input) {
        FuzzOutcomes.check("idx", () -> IdxReader.images("fuzz", new RawFile("images", input), new RawFile("labels", IdxFuzzTest.labelsFor(input))));
    }
}
