package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config.json that names only some keys (or gives null for one) reads with train's defaults for the rest. */
class PartialConfigTest {
    @TempDir
    Path tmp;

    @Test
    void missingAndNullKeysTakeTheDefaultsAndUnknownKeysAreNamed() throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{\"data\": \"spirals\", \"binary\": null, \"model\": \"mlp:2-8-2\"}");
        TrainConfig c = RunDirectory.open(tmp).readConfig();
        assertEquals("spirals", c.data());
        assertEquals("mlp:2-8-2", c.model());
        assertFalse(c.binary());
        assertEquals(TrainConfig.defaults().lr(), c.lr());
        Files.writeString(tmp.resolve("config.json"), "{\"data\": \"spirals\", \"learning-rate\": 0.1}");
        GengeoException e = assertThrows(GengeoException.class, () -> RunDirectory.open(tmp).readConfig());
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("learning-rate"), e.getMessage());
    }
}
