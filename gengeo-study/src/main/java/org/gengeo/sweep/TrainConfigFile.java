package org.gengeo.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Json;
import org.gengeo.train.TrainConfig;

/**
 * A file of training options for {@code gengeo train --config FILE}: a YAML or JSON mapping whose keys
 * are {@code config.json}'s (the train flags without dashes), so a run's own {@code config.json}
 * reproduces it. An unknown key is a one-line error naming the file, the key's line and the key.
 */
public final class TrainConfigFile {
    private TrainConfigFile() {}

    /** The options in {@code file}, keyed by flag name without dashes, values as the file gives them. */
    public static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GengeoException(file + ": file not found");
        } catch (IOException e) {
            throw new GengeoException(file + ": cannot read: " + e.getMessage());
        }
        SourceLines src = SourceLines.parse(file.toString(), text, "a training config must be a mapping of gengeo train flags "
                + "(without dashes) to values, as in a run's config.json");
        JsonNode root = src.root();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TrainConfig.keys().contains(k)) {
                throw src.error("/" + k, "unknown training option (the keys are gengeo train's flags without dashes, as in config.json)");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = Json.MAPPER.convertValue(root, LinkedHashMap.class);
        try {
            TrainConfig.defaults().with(values);
        } catch (GengeoException e) {
            throw new GengeoException(file + ": " + e.getMessage());
        }
        return values;
    }
}
