package org.gengeo.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;

/**
 * A YAML or JSON document read into a tree, with the line of every key remembered, so that a
 * message about a key can say where it is ({@code zoo.yaml:7: grid.lr: ...}).
 */
public final class SourceLines {
    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private SourceLines(String file, JsonNode root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** Parses a sweep file's {@code text} (see {@link #parse(String, String, String)}). */
    static SourceLines parse(String file, String text) {
        return parse(file, text, "a sweep file must be a mapping (name, base, grid, runs, measures)");
    }

    /**
     * Parses {@code text}: YAML unless the file name ends in .json (JSON is valid YAML too, but gives
     * better messages this way); a document that is not a mapping is the error {@code notAMapping}.
     */
    public static SourceLines parse(String file, String text, String notAMapping) {
        ObjectMapper mapper = file.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
            }
            JsonNode root = mapper.readTree(text);
            if (root == null || !root.isObject()) {
                throw new GengeoException(file + ": " + notAMapping);
            }
            return new SourceLines(file, root, lines);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\\R")[0];
            throw new GengeoException(file + ": not valid " + (file.endsWith(".json") ? "JSON" : "YAML") + ": " + msg);
        }
    }

    /** The document. */
    public JsonNode root() {
        return root;
    }

    /**
     * An error about the key at JSON pointer {@code pointer} (e.g. {@code /grid/lr}), prefixed by the
     * file, the key's line and its dotted name.
     */
    public GengeoException error(String pointer, String message) {
        Integer line = lines.get(pointer);
        String key = pointer.substring(1).replace('/', '.');
        return new GengeoException(file + (line == null ? "" : ":" + line) + ": " + key + ": " + message);
    }

    /** An error about the file as a whole. */
    GengeoException error(String message) {
        return new GengeoException(file + ": " + message);
    }
}
