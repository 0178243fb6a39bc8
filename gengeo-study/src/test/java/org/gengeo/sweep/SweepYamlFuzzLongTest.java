package org.gengeo.sweep;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.junit.jupiter.api.Tag;

/** The long run of {@link SweepYamlFuzzTest} (slow profile): a minute of coverage-guided fuzzing of sweep files in YAML: the parser with duplicate detection and line numbers, then every check of the plan. */
@Tag("slow")
class SweepYamlFuzzLongTest {
    @FuzzTest(maxDuration = "60s")
    void sweepYaml(byte[] input) {
        FuzzOutcomes.check("sweep-yaml", () -> SweepPlan.parse("fuzz.yaml", new String(input, StandardCharsets.UTF_8)));
    }
}
