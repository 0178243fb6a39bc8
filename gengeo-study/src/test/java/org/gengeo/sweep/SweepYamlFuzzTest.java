package org.gengeo.sweep;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;

/**
 * Coverage-guided fuzzing (Jazzer) of sweep files in YAML: the parser with duplicate detection and line numbers, then every check of the plan: every input must give a result or a one-line
 * GengeoException ({@link FuzzOutcomes}). Two seconds in the default suite; {@link SweepYamlFuzzLongTest} runs a minute.
 */
class SweepYamlFuzzTest {
    @FuzzTest(maxDuration = "2s")
    void sweepYaml(byte[] input) {
        FuzzOutcomes.check("sweep-yaml", () -> SweepPlan.parse("fuzz.yaml", new String(input, StandardCharsets.UTF_8)));
    }
}
