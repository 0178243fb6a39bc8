package org.gengeo.sweep;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;

/**
 * Coverage-guided fuzzing (Jazzer) of sweep files in JSON, as sweep-yaml: every input must give a result or a one-line
 * GengeoException ({@link FuzzOutcomes}). Two seconds in the default suite; {@link SweepJsonFuzzLongTest} runs a minute.
 */
class SweepJsonFuzzTest {
    @FuzzTest(maxDuration = "2s")
    void sweepJson(byte[] input) {
        FuzzOutcomes.check("sweep-json", () -> SweepPlan.parse("fuzz.json", new String(input, StandardCharsets.UTF_8)));
    }
}
