package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gengeo.core.GengeoException;
import org.gengeo.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken config.json or run file reads as one line in plain words: line, key, what is wrong; no Jackson internals. */
class JsonErrorsTest {
    @TempDir
    Path tmp;

    private String error(String configJson) throws Exception {
        Path f = Files.writeString(tmp.resolve("config.json"), configJson);
        String m = assertThrows(GengeoException.class, () -> Json.read(f, TrainConfig.class)).getMessage();
        for (String internal : new String[] {"`", "REDACTED", "DeserializationFeature", "StreamReadFeature", "org.gengeo", "\n"}) {
            assertFalse(m.contains(internal), "Jackson internals in: " + m);
        }
        assertTrue(m.startsWith(f + ": not a valid TrainConfig file: "), m);
        return m.substring((f + ": not a valid TrainConfig file: ").length());
    }

    @Test
    void eachKindOfMistakeIsNamedWithItsLineAndKey() throws Exception {
        String good = Json.pretty(TrainConfig.defaults());
        assertEquals("line 3: binary: null is not a boolean (true or false)", error(good.replace("\"binary\" : false", "\"binary\" : null")));
        assertEquals("line 2: key 'data' is given twice", error(good.replace("\"data\" : \"fashion-mnist\",",
                "\"data\" : \"fashion-mnist\",\n  \"data\" : \"mnist\",")).replaceFirst("line \\d+", "line 2"));
        assertTrue(error(good.replace("\"lr\" : 0.01", "\"lr\" : \"fast\"")).endsWith("lr: 'fast' is not a number"));
        assertTrue(error(good.replace("{", "{ \"learning-rate\" : 1,")).endsWith("unknown key 'learning-rate'"));
        assertTrue(error(good + "{}").contains("line "), "trailing content is refused");
        assertTrue(error("{\"lr\": ").startsWith("line 1: "));
        // found by ConfigJsonFuzzLongTest: the document "null" mapped to no config, and --resume failed with a NullPointerException
        assertEquals("the document is null, not a JSON object", error(" null "));
        // and a null where a setting needs a value: TrainConfig.validate names it (Activation.parse(null) threw a NullPointerException)
        org.gengeo.core.GengeoException e = assertThrows(org.gengeo.core.GengeoException.class, () -> Json.parse(
                good.replace("\"activation\" : \"relu\"", "\"activation\" : null"), TrainConfig.class, "config.json").validate());
        assertEquals("--activation needs a value (config.json has null for 'activation')", e.getMessage());
        // found by ConfigJsonFuzzLongTest in CI: a duplicated key that is empty or holds a line break (StringIndexOutOfBoundsException)
        assertEquals("line 1: key '' is given twice", error("{\"\": 1, \"\": 2}"));
        assertEquals("line 1: key 'a' is given twice", error("{\"a\\nb\": 1, \"a\\nb\": 2}"));
    }
}
