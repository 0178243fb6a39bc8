package org.gengeo.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gengeo.core.fuzz.FuzzOutcomes;

/**
 * Coverage-guided fuzzing (Jazzer) of the safetensors reader (8-byte length, header JSON, dtypes, shapes, offsets, tiling): every input must give a result or a one-line
 * GengeoException ({@link FuzzOutcomes}). Two seconds in the default suite; {@link SafetensorsFuzzLongTest} runs a minute.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "2s")
    void safetensors(byte[] input) {
        FuzzOutcomes.check("safetensors", () -> Safetensors.read(input, "fuzz.safetensors"));
    }
}
