package org.gengeo.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.gengeo.core.io.Json;
import org.junit.jupiter.api.Tag;

/** The long run of {@link ConfigJsonFuzzTest} (slow profile): a minute of coverage-guided fuzzing of config.json as --resume reads it: Jackson with gengeo's strict settings, then every validation. */
@Tag("slow")
class ConfigJsonFuzzLongTest {
    @FuzzTest(maxDuration = "60s")
    void configJson(byte[] input) {
        FuzzOutcomes.check("config-json", () -> Json.parse(new String(input, StandardCharsets.UTF_8), TrainConfig.class, "config.json").validate());
    }
}
