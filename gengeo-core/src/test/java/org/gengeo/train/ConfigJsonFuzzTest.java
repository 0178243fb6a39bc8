package org.gengeo.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.gengeo.core.io.Json;

/**
 * Coverage-guided fuzzing (Jazzer) of config.json as --resume reads it: Jackson with gengeo's strict settings, then every validation: every input must give a result or a one-line
 * GengeoException ({@link FuzzOutcomes}). Two seconds in the default suite; {@link ConfigJsonFuzzLongTest} runs a minute.
 */
class ConfigJsonFuzzTest {
    @FuzzTest(maxDuration = "2s")
    void configJson(byte[] input) {
        FuzzOutcomes.check("config-json", () -> Json.parse(new String(input, StandardCharsets.UTF_8), TrainConfig.class, "config.json").validate());
    }
}
