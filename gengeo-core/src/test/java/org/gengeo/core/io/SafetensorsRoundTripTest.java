package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing then reading safetensors files, and a hand-made file with known bytes. */
class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    private static Map<String, TensorData> sample() {
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("fc0.weight", TensorData.ofFloats(new long[] {2, 3}, new float[] {1f, -2.5f, 3e-8f, Float.MAX_VALUE, -0f, 7f}));
        t.put("fc0.bias", TensorData.ofDoubles(new long[] {3}, new double[] {Math.PI, -Math.E, 1e-300}));
        t.put("step", TensorData.ofDoubles(new long[0], new double[] {42}));
        t.put("empty", TensorData.ofFloats(new long[] {0}, new float[0]));
        t.put("empty2d", TensorData.ofDoubles(new long[] {3, 0}, new double[0]));
        t.put("a.first.in.sort.order", TensorData.ofFloats(new long[] {1, 1, 1}, new float[] {Float.NaN}));
        return t;
    }

    private static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gengeo.arch", "mlp:3-2");
        m.put("gengeo.provenance", "{\"writer\": \"gengeo\", \"note\": \"quotes \\\" and unicode \u00e9\u4e2d\"}");
        m.put("", "empty key");
        return m;
    }

    @Test
    void roundTripsThroughAFile() {
        Path file = dir.resolve("sub/model.safetensors");
        Safetensors.write(file, sample(), metadata());
        SafetensorsFile back = Safetensors.read(file);
        assertEquals(sample(), back.tensors());
        assertEquals(List.copyOf(sample().keySet()), List.copyOf(back.tensors().keySet()), "header order is kept");
        assertEquals(metadata(), back.metadata());
        assertEquals(List.copyOf(metadata().keySet()), List.copyOf(back.metadata().keySet()));
        assertArrayEquals(new float[] {1f, -2.5f, 3e-8f, Float.MAX_VALUE, -0f, 7f}, back.tensors().get("fc0.weight").toFloatArray());
        assertArrayEquals(new double[] {Math.PI, -Math.E, 1e-300}, back.tensors().get("fc0.bias").toDoubleArray());
        TensorData scalar = back.tensors().get("step");
        assertEquals(0, scalar.shape().length);
        assertEquals(1, scalar.elementCount());
        assertArrayEquals(new double[] {42}, scalar.toDoubleArray());
        assertEquals(0, back.tensors().get("empty").elementCount());
        assertArrayEquals(new long[] {3, 0}, back.tensors().get("empty2d").shape());
        assertEquals(0, back.tensors().get("empty2d").toDoubleArray().length);
        assertEquals(Float.NaN, back.tensors().get("a.first.in.sort.order").toFloatArray()[0]);
    }

    @Test
    void writerIsCanonicalAndPadsTheHeaderWithSpaces() throws Exception {
        byte[] bytes = Safetensors.toBytes(sample(), metadata());
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length is a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String json = header.replaceAll(" +$", "");
        assertTrue(json.startsWith("{\"__metadata__\":{") && json.endsWith("}"), json);
        assertTrue(header.length() - json.length() < 8, "at most 7 spaces of padding");
        SafetensorsFile back = Safetensors.read(bytes, "mem");
        assertArrayEquals(bytes, Safetensors.toBytes(back.tensors(), back.metadata()), "write(read(x)) == x");
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, sample(), metadata());
        assertArrayEquals(bytes, Files.readAllBytes(file), "write() writes toBytes()");
    }

    @Test
    void everyHeaderLengthPadsToEight() {
        for (int len = 0; len < 16; len++) {
            Map<String, String> meta = Map.of("k", "x".repeat(len));
            byte[] bytes = Safetensors.toBytes(Map.of(), meta);
            long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, n % 8);
            assertEquals(8 + n, bytes.length);
            assertEquals(meta, Safetensors.read(bytes, "mem").metadata());
        }
    }

    @Test
    void emptyFileContentRoundTrips() {
        byte[] bytes = Safetensors.toBytes(Map.of(), Map.of());
        assertEquals("{}      ", new String(bytes, 8, bytes.length - 8, StandardCharsets.US_ASCII));
        SafetensorsFile back = Safetensors.read(bytes, "mem");
        assertEquals(Map.of(), back.tensors());
        assertEquals(Map.of(), back.metadata());
    }

    @Test
    void writerRejectsATensorNamedLikeTheMetadata() {
        Map<String, TensorData> t = Map.of("__metadata__", TensorData.ofFloats(new long[] {1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.toBytes(t, Map.of()));
    }

    /**
     * A file built by hand: header length 80 (little-endian), the 79-byte header
     * {@code {"__metadata__":{"a":"b"},"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}} plus
     * one space of padding, then 1.0f and -2.0f as little-endian IEEE 754 (0x3f800000, 0xc0000000).
     * It is exactly what this writer produces for the same content, so the comparison is bytewise.
     */
    @Test
    void readsAHandMadeFile() {
        HexFormat hex = HexFormat.of();
        byte[] length = hex.parseHex("5000000000000000");
        byte[] header = "{\"__metadata__\":{\"a\":\"b\"},\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} "
                .getBytes(StandardCharsets.US_ASCII);
        byte[] data = hex.parseHex("0000803f" + "000000c0");
        assertEquals(80, header.length);
        ByteBuffer b = ByteBuffer.allocate(length.length + header.length + data.length);
        byte[] file = b.put(length).put(header).put(data).array();

        SafetensorsFile parsed = Safetensors.read(file, "hand.safetensors");
        assertEquals(Map.of("a", "b"), parsed.metadata());
        assertEquals(List.of("x"), List.copyOf(parsed.tensors().keySet()));
        TensorData x = parsed.tensors().get("x");
        assertEquals(DType.F32, x.dtype());
        assertArrayEquals(new long[] {2}, x.shape());
        assertArrayEquals(new float[] {1.0f, -2.0f}, x.toFloatArray());
        assertArrayEquals(new double[] {1.0, -2.0}, x.toDoubleArray());

        byte[] rewritten = Safetensors.toBytes(parsed.tensors(), parsed.metadata());
        assertEquals(parsed, Safetensors.read(rewritten, "rewritten"));
        assertArrayEquals(file, rewritten, "the writer's output is canonical");
    }
}
