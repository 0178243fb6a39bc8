package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every malformation the reader must reject gets a one-line {@link GengeoException} (exit code 2)
 * that names the file and the problem, before any tensor memory is allocated.
 */
class SafetensorsMalformedTest {
    private static final String NAME = "bad.safetensors";

    @TempDir
    Path dir;

    /** A file: 8-byte little-endian length of {@code header}, the header bytes, then {@code dataLength} zero bytes. */
    private static byte[] file(long declaredLength, byte[] header, int dataLength) {
        return ByteBuffer.allocate(8 + header.length + dataLength).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(declaredLength).put(header).array();
    }

    private static byte[] file(String header, int dataLength) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return file(h.length, h, dataLength);
    }

    /** A one-tensor header with the given entry JSON. */
    private static String one(String entry) {
        return "{\"t\":" + entry + "}";
    }

    private static GengeoException assertBad(byte[] bytes, String expectedFragment) {
        GengeoException e = assertThrows(GengeoException.class, () -> Safetensors.read(bytes, NAME));
        checkMessage(e, NAME, expectedFragment);
        return e;
    }

    private static void checkMessage(GengeoException e, String name, String expectedFragment) {
        String m = e.getMessage();
        assertTrue(m.startsWith(name + ": "), "names the file: " + m);
        assertTrue(m.contains(expectedFragment), "expected '" + expectedFragment + "' in: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertEquals(GengeoException.BAD_INPUT, e.exitCode());
    }

    @Test
    void tooShort() {
        assertBad(new byte[0], "0 bytes is too short");
        assertBad(new byte[7], "7 bytes is too short");
    }

    @Test
    void headerLengthZero() {
        assertBad(file(0, new byte[0], 8), "header length is 0");
    }

    @Test
    void headerLengthOverTheLimit() {
        assertBad(file(100_000_001L, new byte[8], 0), "header length 100000001 exceeds the limit of 100000000 bytes");
        assertBad(file(-1L, new byte[8], 0), "header length 18446744073709551615 exceeds the limit");
    }

    @Test
    void headerLengthBeyondTheFile() {
        assertBad(file(100, "{}".getBytes(StandardCharsets.US_ASCII), 0), "header length 100 exceeds the 2 bytes after it");
    }

    @Test
    void hugeHeaderLengthOnATinyFileFailsFast() throws Exception {
        byte[] bytes = file(1L << 62, "{}      ".getBytes(StandardCharsets.US_ASCII), 0);
        assertEquals(16, bytes.length);
        Path f = dir.resolve("huge.safetensors");
        Files.write(f, bytes);
        GengeoException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(GengeoException.class, () -> Safetensors.read(f)));
        checkMessage(e, f.toString(), "header length 4611686018427387904 exceeds the limit");
        assertBad(bytes, "header length 4611686018427387904");
    }

    @Test
    void headerNotUtf8() {
        assertBad(file(4, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}, 0), "header is not valid UTF-8");
    }

    @Test
    void headerNotJson() {
        assertBad(file("{\"t\":", 0), "header is not valid JSON");
        assertBad(file("{} {}", 0), "header is not valid JSON");
        assertBad(file("        ", 0), "header is empty");
    }

    @Test
    void headerNotAnObject() {
        assertBad(file("[1, 2]  ", 0), "header is not a JSON object but a list");
        assertBad(file("\"text\"", 0), "header is not a JSON object but a string");
    }

    @Test
    void entryNotAnObject() {
        assertBad(file(one("5"), 0), "tensor 't' is a number, not an object");
        assertBad(file(one("[\"F32\", [1], [0, 4]]"), 4), "tensor 't' is a list, not an object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"shape\":[1],\"data_offsets\":[0,4]}|has no dtype",
        "{\"dtype\":\"F32\",\"data_offsets\":[0,4]}|has no shape",
        "{\"dtype\":\"F32\",\"shape\":[1]}|has no data_offsets",
    })
    void entryMissesAField(String entry, String problem) {
        assertBad(file(one(entry), 4), "tensor 't' " + problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"F33\"", "\"f32\"", "\"FLOAT\"", "5", "null", "\"\"",
    })
    void unknownDtype(String dtype) {
        assertBad(file(one("{\"dtype\":" + dtype + ",\"shape\":[1],\"data_offsets\":[0,4]}"), 4),
                "tensor 't' has unknown dtype " + dtype);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[-1]|dimension -1, not a non-negative integer",
        "[2.5]|dimension 2.5, not a non-negative integer",
        "[2.0]|dimension 2.0, not a non-negative integer",
        "[\"2\"]|dimension \"2\", not a non-negative integer",
        "[99999999999999999999999]|not a non-negative integer",
        "[null]|dimension null",
        "3|not a list of dimensions",
        "{}|not a list of dimensions",
    })
    void badShape(String shape, String problem) {
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,4]}"), 4), problem);
    }

    @Test
    void shapeProductOverflows() {
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}"), 4),
                "tensor 't' has shape [4294967296, 4294967296] whose element count overflows 64 bits");
        // The element count fits in a long but the byte count does not.
        assertBad(file(one("{\"dtype\":\"F64\",\"shape\":[4611686018427387904],\"data_offsets\":[0,4]}"), 4),
                "needs more than 2^63");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[0]", "[0,4,8]", "[]", "[-4,0]", "[0,-4]", "[0,4.0]", "[\"0\",4]", "4", "{\"begin\":0,\"end\":4}", "null",
        "[0,18446744073709551616]",
    })
    void badDataOffsets(String offsets) {
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":" + offsets + "}"), 4),
                "tensor 't' data_offsets must be two non-negative integers");
    }

    @Test
    void dataOffsetsEndBeforeBegin() {
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}"), 8),
                "tensor 't' data_offsets [8, 4] end before they begin");
    }

    @Test
    void dataOffsetsBeyondTheData() {
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}"), 4),
                "tensor 't' data_offsets [0, 8] reach past the end of the data region (4 bytes)");
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[9223372036854775803,9223372036854775807]}"), 4),
                "reach past the end of the data region");
    }

    @Test
    void byteLengthDisagreesWithShape() {
        String h = "{\"fc0.weight\":{\"dtype\":\"F32\",\"shape\":[10,20],\"data_offsets\":[0,400]}}";
        assertBad(file(h, 400), "tensor 'fc0.weight' data_offsets [0, 400] hold 400 bytes but shape [10, 20] of F32 needs 800");
        assertBad(file(one("{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,4]}"), 4),
                "hold 4 bytes but shape [] of F64 needs 8");
    }

    @Test
    void overlappingTensors() {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertBad(file(h, 12), "tensor 'b' at [4, 12] overlaps tensor 'a' at [0, 8]");
        String same = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertBad(file(same, 4), "overlaps");
    }

    @Test
    void holeBetweenTensors() {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertBad(file(h, 12), "data bytes [4, 8] belong to no tensor (a hole before 'b')");
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}"), 8), "data bytes [0, 4] belong to no tensor");
    }

    @Test
    void trailingBytes() {
        assertBad(file(one("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"), 5),
                "data bytes [4, 5] after the last tensor belong to no tensor (trailing bytes)");
        assertBad(file("{}", 3), "data bytes [0, 3] after the last tensor");
    }

    @Test
    void tensorsOutOfHeaderOrderStillTile() {
        String h = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[2,2],\"data_offsets\":[0,4]},"
                + "\"e\":{\"dtype\":\"BF16\",\"shape\":[0],\"data_offsets\":[4,4]}}";
        SafetensorsFile f = Safetensors.read(file(h, 8), NAME);
        assertEquals(java.util.List.of("b", "a", "e"), java.util.List.copyOf(f.tensors().keySet()));
    }

    @Test
    void metadataNotAStringMap() {
        assertBad(file("{\"__metadata__\":[\"a\"]}", 0), "__metadata__ is a list, not an object of strings");
        assertBad(file("{\"__metadata__\":\"a\"}", 0), "__metadata__ is a string, not an object of strings");
        assertBad(file("{\"__metadata__\":{\"a\":1}}", 0), "__metadata__ value of 'a' is a number, not a string");
        assertBad(file("{\"__metadata__\":{\"a\":{\"b\":\"c\"}}}", 0), "__metadata__ value of 'a' is an object, not a string");
        assertBad(file("{\"__metadata__\":{\"a\":null}}", 0), "__metadata__ value of 'a' is null, not a string");
    }

    @Test
    void duplicateKeys() {
        String t = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        assertBad(file("{\"t\":" + t + ",\"t\":" + t + "}", 4), "key 't' is given twice");
        assertBad(file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0), "key 'a' is given twice");
        assertBad(file("{\"t\":{\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "key 'dtype' is given twice");
    }

    @Test
    void pathReaderNamesTheFile() throws Exception {
        Path missing = dir.resolve("missing.safetensors");
        checkMessage(assertThrows(GengeoException.class, () -> Safetensors.read(missing)), missing.toString(), "file not found");
        Path empty = dir.resolve("empty.safetensors");
        Files.write(empty, new byte[0]);
        checkMessage(assertThrows(GengeoException.class, () -> Safetensors.read(empty)), empty.toString(), "0 bytes is too short");
        Path trailing = dir.resolve("trailing.safetensors");
        Files.write(trailing, file("{}", 1));
        checkMessage(assertThrows(GengeoException.class, () -> Safetensors.read(trailing)), trailing.toString(),
                "trailing bytes");
    }
}
