package org.gengeo.core.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.gengeo.core.tensor.Precision;
import org.gengeo.measures.registry.MeasureRegistry;

/**
 * Coverage-guided fuzzing (Jazzer) of the spec strings a user types: model architectures, activations, inits, dtypes and measure lists: every input must give a result or a one-line
 * GengeoException ({@link FuzzOutcomes}). Two seconds in the default suite; {@link SpecFuzzLongTest} runs a minute.
 */
class SpecFuzzTest {
    @FuzzTest(maxDuration = "2s")
    void spec(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        FuzzOutcomes.check("spec", () -> {
            SpecFuzzTest.parseAll(text);
        });
    }

    /** Every spec parser on one string; each may accept it or refuse it with a GengeoException. */
    static void parseAll(String text) {
        for (Runnable parse : new Runnable[] {() -> Architecture.parse(text), () -> Activation.parse(text), () -> Init.parse(text),
            () -> Precision.parse(text), () -> MeasureRegistry.parseList(text)}) {
            try {
                parse.run();
            } catch (org.gengeo.core.GengeoException e) {
                if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
                    throw e;
                }
            }
        }
    }
}
