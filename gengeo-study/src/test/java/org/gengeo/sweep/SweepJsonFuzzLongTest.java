package org.gengeo.sweep;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.junit.jupiter.api.Tag;

/** The long run of {@link SweepJsonFuzzTest} (slow profile): a minute of coverage-guided fuzzing of sweep files in JSON, as sweep-yaml. */
@Tag("slow")
class SweepJsonFuzzLongTest {
    @FuzzTest(maxDuration = "60s")
    void sweepJson(byte[] input) {
        FuzzOutcomes.check("sweep-json", () -> SweepPlan.parse("fuzz.json", new String(input, StandardCharsets.UTF_8)));
    }
}
