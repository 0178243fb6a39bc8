package org.gengeo.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.stream.Collectors;
import org.gengeo.core.GengeoException;

/**
 * Jackson's exceptions as the one line a user reads: the line of the document, the key, and what
 * is wrong in plain words, never Jackson's internals (its type names, "Source: REDACTED", hints to
 * set its features). Every reader of a user-fed JSON or YAML document words its errors here.
 */
public final class JsonErrors {
    private JsonErrors() {}

    /** {@code line N: key: what is wrong} for {@code e} (the parts Jackson knows). */
    public static String describe(Exception e) {
        if (!(e instanceof JsonProcessingException j)) {
            return firstLine(e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        JsonLocation at = j.getLocation();
        if (at != null && at.getLineNr() > 0) {
            sb.append("line ").append(at.getLineNr()).append(": ");
        }
        if (j instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String key = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (!key.isEmpty()) {
                sb.append(key).append(": ");
            }
        }
        return sb.append(reason(j)).toString();
    }

    private static String reason(JsonProcessingException j) {
        if (j instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'";
        }
        if (j instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause() instanceof GengeoException g ? g.getMessage() : firstLine(v.getCause().getMessage());
        }
        if (j instanceof InvalidFormatException f) {
            return "'" + f.getValue() + "' is not " + typeName(f.getTargetType());
        }
        if (j instanceof MismatchedInputException m && m.getTargetType() != null) {
            String original = String.valueOf(m.getOriginalMessage());
            if (original.startsWith("Cannot map `null`") || original.contains("null")) {
                return "null is not " + typeName(m.getTargetType());
            }
            return "a value of the wrong type, expected " + typeName(m.getTargetType());
        }
        String original = firstLine(j.getOriginalMessage());
        String duplicate = "Duplicate field '";
        if (original.startsWith(duplicate)) {
            // the key may be empty, or cut at a line break by firstLine, so the closing quote may be missing
            String key = original.substring(duplicate.length());
            return "key '" + (key.endsWith("'") ? key.substring(0, key.length() - 1) : key) + "' is given twice";
        }
        return original;
    }

    /** A JSON-ish name of a Java target type: "a number", "a boolean", ... */
    private static String typeName(Class<?> t) {
        if (t == null) {
            return "the expected type";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "a boolean (true or false)";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "an integer";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
