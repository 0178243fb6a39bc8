package org.gengeo.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.junit.jupiter.api.Tag;

/** The long run of {@link SafetensorsFuzzTest} (slow profile): a minute of coverage-guided fuzzing of the safetensors reader (8-byte length, header JSON, dtypes, shapes, offsets, tiling). */
@Tag("slow")
class SafetensorsFuzzLongTest {
    @FuzzTest(maxDuration = "60s")
    void safetensors(byte[] input) {
        FuzzOutcomes.check("safetensors", () -> Safetensors.read(input, "fuzz.safetensors"));
    }
}
