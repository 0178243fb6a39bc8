package org.gengeo.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.gengeo.core.GengeoException;

/**
 * The JSON conventions of every gengeo file: snake_case keys (except {@code config.json}, whose
 * keys are the command-line flag names), unknown keys rejected, pretty-printed documents and
 * one-line records for JSON Lines.
 */
public final class Json {
    /** The shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /** One-line JSON (for JSON Lines and metadata strings). */
    public static String line(Object value) {
        return line(MAPPER, value);
    }

    /** One-line JSON by {@code mapper} (a copy of {@link #MAPPER} with a file's own number rules). */
    public static String line(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Pretty-printed JSON with a trailing newline. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Writes {@code value} pretty-printed to {@code file}, atomically. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, pretty(value));
    }

    /** Reads {@code file} as {@code type}; a missing or malformed file is a one-line error naming it. */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            throw new GengeoException(file + ": file not found");
        } catch (IOException e) {
            throw new GengeoException(file + ": not a valid " + type.getSimpleName() + " file: " + firstLine(e.getMessage()));
        }
    }

    /** Parses {@code text} as {@code type}; malformed text is a one-line error naming {@code source}. */
    public static <T> T parse(String text, Class<T> type, String source) {
        return parse(MAPPER, text, type, source);
    }

    /** Parses {@code text} as {@code type} by {@code mapper}; malformed text is a one-line error naming {@code source}. */
    public static <T> T parse(ObjectMapper mapper, String text, Class<T> type, String source) {
        try {
            return mapper.readValue(text, type);
        } catch (IOException e) {
            throw new GengeoException(source + ": not a valid " + type.getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
