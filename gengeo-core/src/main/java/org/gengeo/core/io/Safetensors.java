package org.gengeo.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gengeo.core.GengeoException;

/**
 * Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data region that
 * follows the header) plus an optional {@code __metadata__} string-to-string map, then the raw
 * little-endian data.
 *
 * <p>Reading validates everything the header claims against the real size of the file before any
 * tensor memory is allocated, and enforces the reference library's rules (known dtype, byte length
 * equal to element count times element size, tensors tiling the data region exactly, no duplicate
 * keys): a malformed or hostile file gets a one-line {@link GengeoException} naming the file and
 * the problem, never an out-of-memory error. Files over 2 GiB are not supported.
 */
public final class Safetensors {
    /** Largest header accepted, in bytes (as in the reference implementation: 100 MB). */
    public static final long MAX_HEADER = 100_000_000L;
    /** Largest file accepted, in bytes (the limit of a Java array). */
    public static final long MAX_FILE = Integer.MAX_VALUE - 64;

    private Safetensors() {}

    /** Reads and validates {@code file}; tensors come in header order. */
    public static SafetensorsFile read(Path file) {
        String source = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new GengeoException(source + ": file not found");
        } catch (IOException e) {
            throw new GengeoException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (size > MAX_FILE) {
            throw new GengeoException(source + ": " + size + " bytes; files over 2 GiB are not supported");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long headerLength = headerLength(in.readNBytes(8), size, source);
            byte[] header = readExactly(in, (int) headerLength, source);
            long dataLength = size - 8 - headerLength;
            SafetensorsHeader parsed = SafetensorsHeader.parse(header, dataLength, source);
            // The tensors tile the data region, so reading them in offset order consumes it exactly.
            List<SafetensorsHeader.Entry> byOffset = new ArrayList<>(parsed.entries());
            byOffset.sort(Comparator.comparingLong(SafetensorsHeader.Entry::begin));
            Map<String, byte[]> data = new HashMap<>();
            for (SafetensorsHeader.Entry e : byOffset) {
                data.put(e.name(), readExactly(in, (int) (e.end() - e.begin()), source));
            }
            if (in.read() != -1) {
                throw new GengeoException(source + ": file grew while being read");
            }
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (SafetensorsHeader.Entry e : parsed.entries()) {
                tensors.put(e.name(), new TensorData(e.dtype(), e.shape(), data.get(e.name())));
            }
            return new SafetensorsFile(Collections.unmodifiableMap(tensors), parsed.metadata());
        } catch (IOException e) {
            throw new GengeoException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads and validates a file held in memory; {@code sourceName} names it in errors. */
    public static SafetensorsFile read(byte[] bytes, String sourceName) {
        long headerLength = headerLength(Arrays.copyOf(bytes, Math.min(8, bytes.length)), bytes.length, sourceName);
        byte[] header = Arrays.copyOfRange(bytes, 8, (int) (8 + headerLength));
        SafetensorsHeader parsed = SafetensorsHeader.parse(header, bytes.length - 8 - headerLength, sourceName);
        return extract(parsed, bytes, (int) (8 + headerLength));
    }

    private static byte[] readExactly(InputStream in, int length, String source) throws IOException {
        byte[] b = in.readNBytes(length);
        if (b.length != length) {
            throw new GengeoException(source + ": file shrank while being read");
        }
        return b;
    }

    /** The header length from the first 8 bytes, checked against the file size. */
    private static long headerLength(byte[] prefix, long fileSize, String source) {
        if (prefix.length < 8) {
            throw new GengeoException(source + ": " + fileSize + " bytes is too short for a safetensors file"
                    + " (the header length alone takes 8)");
        }
        long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n == 0) {
            throw new GengeoException(source + ": header length is 0");
        }
        if (n < 0 || n > MAX_HEADER) {
            throw new GengeoException(source + ": header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                    + MAX_HEADER + " bytes");
        }
        if (n > fileSize - 8) {
            throw new GengeoException(source + ": header length " + n + " exceeds the " + (fileSize - 8)
                    + " bytes after it (truncated file?)");
        }
        return n;
    }

    private static SafetensorsFile extract(SafetensorsHeader header, byte[] bytes, int dataStart) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (SafetensorsHeader.Entry e : header.entries()) {
            byte[] data = Arrays.copyOfRange(bytes, dataStart + (int) e.begin(), dataStart + (int) e.end());
            tensors.put(e.name(), new TensorData(e.dtype(), e.shape(), data));
        }
        return new SafetensorsFile(Collections.unmodifiableMap(tensors), header.metadata());
    }

    /** Writes {@code tensors} and {@code metadata} to {@code file} atomically (see {@link #toBytes}). */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) {
        AtomicFiles.write(file, toBytes(tensors, metadata));
    }

    /**
     * The bytes of a safetensors file holding {@code tensors} and {@code metadata}. The header is
     * compact JSON: {@code __metadata__} first (omitted when empty), then the tensors in the map's
     * iteration order with consecutive data offsets, each as {@code dtype, shape, data_offsets};
     * it is padded with spaces to a multiple of 8 bytes. The output depends only on the two maps
     * and their iteration order, so writing what {@link #read} returns reproduces a file this
     * method wrote byte for byte (a file from another writer may order its data differently).
     *
     * @throws IllegalArgumentException if a tensor is named {@code __metadata__} or the file would exceed 2 GiB
     */
    public static byte[] toBytes(Map<String, TensorData> tensors, Map<String, String> metadata) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(SafetensorsHeader.METADATA);
            metadata.forEach((k, v) -> meta.put(k, Objects.requireNonNull(v, "metadata value of " + k)));
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (SafetensorsHeader.METADATA.equals(e.getKey())) {
                throw new IllegalArgumentException("a tensor cannot be named " + SafetensorsHeader.METADATA);
            }
            TensorData t = e.getValue();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + t.data().length);
            offset += t.data().length;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > MAX_FILE) {
            throw new IllegalArgumentException("a safetensors file of " + total + " bytes exceeds the 2 GiB limit");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (TensorData t : tensors.values()) {
            out.put(t.data());
        }
        return out.array();
    }
}
