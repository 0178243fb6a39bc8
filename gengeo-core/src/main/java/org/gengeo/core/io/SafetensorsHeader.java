package org.gengeo.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;

/**
 * The validated JSON header of a safetensors file: where each tensor lies in the data region
 * (in header order) and the {@code __metadata__} map. {@link #parse} checks everything the header
 * claims against the real length of the data region, so the tensors it describes tile that region
 * exactly and can be copied out without further checks.
 */
final class SafetensorsHeader {
    /** Key of the optional string-to-string metadata object. */
    static final String METADATA = "__metadata__";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One tensor's type, shape and byte range [begin, end) in the data region. */
    record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private final List<Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    /** The tensors in header order. */
    List<Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} map in header order (empty if absent). */
    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Parses and validates {@code header} (UTF-8 JSON, possibly padded with trailing spaces) for a
     * data region of {@code dataLength} bytes; {@code source} names the file in errors.
     */
    static SafetensorsHeader parse(byte[] header, long dataLength, String source) {
        JsonNode root = json(header, source);
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (METADATA.equals(f.getKey())) {
                readMetadata(f.getValue(), metadata, source);
            } else {
                entries.add(entry(f.getKey(), f.getValue(), dataLength, source));
            }
        }
        checkTiling(entries, dataLength, source);
        return new SafetensorsHeader(Collections.unmodifiableList(entries), Collections.unmodifiableMap(metadata));
    }

    private static JsonNode json(byte[] header, String source) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new GengeoException(source + ": header is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (IOException e) {
            throw new GengeoException(source + ": header is not valid JSON: " + JsonErrors.describe(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new GengeoException(source + ": header is empty");
        }
        if (!root.isObject()) {
            throw new GengeoException(source + ": header is not a JSON object but " + kind(root));
        }
        return root;
    }

    private static void readMetadata(JsonNode node, Map<String, String> into, String source) {
        if (!node.isObject()) {
            throw new GengeoException(source + ": __metadata__ is " + kind(node) + ", not an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw new GengeoException(source + ": __metadata__ value of '" + m.getKey() + "' is " + kind(m.getValue())
                        + ", not a string");
            }
            into.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(String tensor, JsonNode node, long dataLength, String source) {
        String where = source + ": tensor '" + tensor + "'";
        if (!node.isObject()) {
            throw new GengeoException(where + " is " + kind(node) + ", not an object");
        }
        for (String key : List.of("dtype", "shape", "data_offsets")) {
            if (!node.has(key)) {
                throw new GengeoException(where + " has no " + key);
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        DType dtype = dtypeNode.isTextual() ? DType.fromHeader(dtypeNode.textValue()) : null;
        if (dtype == null) {
            throw new GengeoException(where + " has unknown dtype " + dtypeNode + " (known: " + Arrays.toString(DType.values()) + ")");
        }
        long[] shape = shape(node.get("shape"), where);
        long count = 1;
        for (long d : shape) {
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw new GengeoException(where + " has shape " + Arrays.toString(shape) + " whose element count overflows 64 bits");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !isNonNegativeLong(offsets.get(0)) || !isNonNegativeLong(offsets.get(1))) {
            throw new GengeoException(where + " data_offsets must be two non-negative integers, got " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        String range = "[" + begin + ", " + end + "]";
        if (end < begin) {
            throw new GengeoException(where + " data_offsets " + range + " end before they begin");
        }
        if (end > dataLength) {
            throw new GengeoException(where + " data_offsets " + range + " reach past the end of the data region ("
                    + dataLength + " bytes)");
        }
        long needed = count > Long.MAX_VALUE / dtype.byteSize() ? -1 : count * dtype.byteSize();
        if (needed != end - begin) {
            throw new GengeoException(where + " data_offsets " + range + " hold " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + (needed < 0 ? "more than 2^63" : Long.toString(needed)));
        }
        return new Entry(tensor, dtype, shape, begin, end);
    }

    private static long[] shape(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new GengeoException(where + " has shape " + node + ", not a list of dimensions");
        }
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!isNonNegativeLong(d)) {
                throw new GengeoException(where + " has shape " + node + " with dimension " + d
                        + ", not a non-negative integer");
            }
            shape[i] = d.longValue();
        }
        return shape;
    }

    private static boolean isNonNegativeLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** The reference library requires the tensors to cover the data region exactly, without overlap. */
    private static void checkTiling(List<Entry> entries, long dataLength, String source) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < at) {
                throw new GengeoException(source + ": tensor '" + e.name() + "' at [" + e.begin() + ", " + e.end()
                        + "] overlaps tensor '" + previous.name() + "' at [" + previous.begin() + ", " + previous.end() + "]");
            }
            if (e.begin() > at) {
                throw new GengeoException(source + ": data bytes [" + at + ", " + e.begin() + "] belong to no tensor (a hole before '"
                        + e.name() + "')");
            }
            at = e.end();
            previous = e;
        }
        if (at != dataLength) {
            throw new GengeoException(source + ": data bytes [" + at + ", " + dataLength + "] after the last tensor belong to no tensor"
                    + " (trailing bytes)");
        }
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
