package org.gengeo.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal, independent Parquet reader for tests: a generic Thrift compact-protocol decoder (structs
 * as maps from field id to value) and the decoding of flat files with PLAIN-encoded v1 data pages,
 * uncompressed, with RLE/bit-packed hybrid definition levels. Enough to read back what
 * {@link ParquetTable} writes and to reject what it should not write.
 */
public final class ParquetReaderForTests {
    /** A file's columns (names, physical types, optional, annotated as strings), rows, key-value metadata and raw footer. */
    public record Table(List<String> names, List<Integer> physicalTypes, List<Boolean> optional, List<Boolean> strings,
                 List<Object[]> rows, Map<String, String> metadata, Map<Integer, Object> footer) {}

    private final ByteBuffer in;

    private ParquetReaderForTests(ByteBuffer in) {
        this.in = in;
    }

    /** Decodes a whole file. */
    public static Table read(byte[] file) {
        if (!new String(file, 0, 4, StandardCharsets.US_ASCII).equals("PAR1")
                || !new String(file, file.length - 4, 4, StandardCharsets.US_ASCII).equals("PAR1")) {
            throw new IllegalStateException("no PAR1 magic");
        }
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ParquetReaderForTests footerReader = new ParquetReaderForTests(ByteBuffer.wrap(file, file.length - 8 - footerLength, footerLength));
        Map<Integer, Object> meta = footerReader.struct();
        if (footerReader.in.hasRemaining()) {
            throw new IllegalStateException("footer longer than its struct");
        }
        List<Object> schema = list(meta.get(2));
        int n = Math.toIntExact((Long) struct(schema.get(0)).get(5));
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Boolean> optional = new ArrayList<>();
        List<Boolean> strings = new ArrayList<>();
        for (Object e : schema.subList(1, schema.size())) {
            Map<Integer, Object> s = struct(e);
            names.add(new String((byte[]) s.get(4), StandardCharsets.UTF_8));
            types.add(Math.toIntExact((Long) s.get(1)));
            optional.add((Long) s.get(3) == 1L);
            strings.add(s.containsKey(10) && struct(s.get(10)).containsKey(1) && Long.valueOf(0).equals(s.get(6)));
        }
        int rowCount = Math.toIntExact((Long) meta.get(3));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < rowCount; i++) {
            rows.add(new Object[n]);
        }
        List<Object> groups = list(meta.get(4));
        if (groups.size() != 1) {
            throw new IllegalStateException(groups.size() + " row groups");
        }
        List<Object> chunks = list(struct(groups.get(0)).get(1));
        for (int j = 0; j < n; j++) {
            Map<Integer, Object> cmd = struct(struct(chunks.get(j)).get(3));
            if ((Long) cmd.get(4) != 0 || (Long) cmd.get(5) != rowCount) {
                throw new IllegalStateException("compressed or wrong count");
            }
            ParquetReaderForTests page = new ParquetReaderForTests(ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN));
            page.in.position(Math.toIntExact((Long) cmd.get(9)));
            Map<Integer, Object> header = page.struct();
            int end = page.in.position() + Math.toIntExact((Long) header.get(2));
            boolean[] present = new boolean[rowCount];
            Arrays.fill(present, true);
            if (optional.get(j)) {
                int levelBytes = page.in.getInt();
                int levelsEnd = page.in.position() + levelBytes;
                present = page.levels(rowCount);
                if (page.in.position() != levelsEnd) {
                    throw new IllegalStateException("definition levels of the wrong length");
                }
            }
            int bit = 0;
            int current = 0;
            for (int i = 0; i < rowCount; i++) {
                if (!present[i]) {
                    continue;
                }
                Object v;
                switch (types.get(j)) {
                    case 0 -> {
                        if (bit % 8 == 0) {
                            current = page.in.get() & 0xFF;
                        }
                        v = (current >> (bit++ % 8) & 1) == 1;
                    }
                    case 2 -> v = page.in.getLong();
                    case 5 -> v = page.in.getDouble();
                    case 6 -> {
                        byte[] b = new byte[page.in.getInt()];
                        page.in.get(b);
                        v = new String(b, StandardCharsets.UTF_8);
                    }
                    default -> throw new IllegalStateException("type " + types.get(j));
                }
                rows.get(i)[j] = v;
            }
            if (page.in.position() != end) {
                throw new IllegalStateException("page of the wrong length in column " + names.get(j));
            }
        }
        Map<String, String> kv = new HashMap<>();
        if (meta.containsKey(5)) {
            for (Object e : list(meta.get(5))) {
                kv.put(new String((byte[]) struct(e).get(1), StandardCharsets.UTF_8), new String((byte[]) struct(e).get(2), StandardCharsets.UTF_8));
            }
        }
        return new Table(names, types, optional, strings, rows, kv, meta);
    }

    /** RLE/bit-packed hybrid levels of bit width 1. */
    private boolean[] levels(int count) {
        boolean[] out = new boolean[count];
        int i = 0;
        while (i < count) {
            long header = varint();
            if ((header & 1) == 0) {
                boolean value = in.get() == 1;
                for (long k = 0; k < header >>> 1; k++) {
                    out[i++] = value;
                }
            } else {
                long values = (header >>> 1) * 8;
                for (long k = 0; k < values; k += 8) {
                    int b = in.get() & 0xFF;
                    for (int bit = 0; bit < 8 && i < count; bit++) {
                        out[i++] = (b >> bit & 1) == 1;
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, Object> struct(Object o) {
        return (Map<Integer, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private Map<Integer, Object> struct() {
        Map<Integer, Object> fields = new HashMap<>();
        int last = 0;
        while (true) {
            int b = in.get() & 0xFF;
            if (b == 0) {
                return fields;
            }
            int delta = b >>> 4;
            int id = delta != 0 ? last + delta : Math.toIntExact(unzigzag(varint()));
            last = id;
            fields.put(id, value(b & 0x0F));
        }
    }

    private Object value(int type) {
        return switch (type) {
            case 1 -> true;
            case 2 -> false;
            case 3 -> (long) in.get();
            case 4, 5, 6 -> unzigzag(varint());
            case 7 -> in.order(ByteOrder.LITTLE_ENDIAN).getDouble();
            case 8 -> {
                byte[] b = new byte[Math.toIntExact(varint())];
                in.get(b);
                yield b;
            }
            case 9, 10 -> {
                int h = in.get() & 0xFF;
                int size = h >>> 4 == 15 ? Math.toIntExact(varint()) : h >>> 4;
                List<Object> out = new ArrayList<>();
                for (int k = 0; k < size; k++) {
                    out.add(value(h & 0x0F));
                }
                yield out;
            }
            case 12 -> struct();
            default -> throw new IllegalStateException("compact type " + type);
        };
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.get() & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    private static long unzigzag(long n) {
        return n >>> 1 ^ -(n & 1);
    }
}
