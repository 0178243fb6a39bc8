package org.gengeo.core.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.gengeo.core.tensor.Precision;
import org.gengeo.measures.registry.MeasureRegistry;
import org.junit.jupiter.api.Tag;

/** The long run of {@link SpecFuzzTest} (slow profile): a minute of coverage-guided fuzzing of the spec strings a user types: model architectures, activations, inits, dtypes and measure lists. */
@Tag("slow")
class SpecFuzzLongTest {
    @FuzzTest(maxDuration = "60s")
    void spec(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        FuzzOutcomes.check("spec", () -> {
            SpecFuzzTest.parseAll(text);
        });
    }
}
