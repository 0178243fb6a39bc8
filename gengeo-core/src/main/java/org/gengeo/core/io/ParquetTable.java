package org.gengeo.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table written as one Apache Parquet file (format specification: github.com/apache/parquet-format,
 * README and parquet.thrift), readable by Spark, pyarrow, pandas and DuckDB. The writer uses the
 * simplest valid layout: magic {@code PAR1}; one row group; per column one chunk of one data page
 * (v1), PLAIN encoding, no compression, no statistics; then the {@code FileMetaData} footer in
 * Thrift's compact protocol ({@link ThriftCompactWriter}), the footer's length as a 4-byte
 * little-endian integer, and {@code PAR1} again.
 *
 * <p>A data page is its {@code PageHeader} followed by the definition levels (optional columns only: a
 * 4-byte little-endian length and the levels in the RLE/bit-packed hybrid encoding, here as RLE runs:
 * varint (run length &lt;&lt; 1) then the level in one byte; level 1 = value present, 0 = null) and the
 * PLAIN values of the non-null cells: DOUBLE and INT64 as 8 little-endian bytes, BYTE_ARRAY as a
 * 4-byte little-endian length and the bytes, BOOLEAN bit-packed, least significant bit first.
 * Strings are BYTE_ARRAY annotated with the STRING logical type (and the legacy UTF8 converted type).
 */
public final class ParquetTable {
    /** Value written as {@code FileMetaData.created_by}. */
    public static final String CREATED_BY = "gengeo";

    /** A column's type: its Parquet physical type (and logical type for strings). */
    public enum Type {
        BOOLEAN(0), INT64(2), DOUBLE(5), STRING(6);

        private final int physical;

        Type(int physical) {
            this.physical = physical;
        }
    }

    /** A column: its name, type and whether cells may be null (OPTIONAL) or not (REQUIRED). */
    public record Column(String name, Type type, boolean optional) {}

    private static final int DATA_PAGE = 0;
    private static final int PLAIN = 0;
    private static final int RLE = 3;
    private static final int UNCOMPRESSED = 0;
    private static final int REQUIRED = 0;
    private static final int OPTIONAL = 1;
    private static final int UTF8 = 0;

    private final List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** An empty table with these columns. */
    public ParquetTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * Appends a row, one value per column: a Boolean, an integral Number (INT64), a Number (DOUBLE), any
     * object (STRING, written as {@code String.valueOf}), or null in an optional column.
     */
    public ParquetTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for " + columns.size() + " columns");
        }
        for (int j = 0; j < values.length; j++) {
            check(columns.get(j), values[j]);
        }
        rows.add(values.clone());
        return this;
    }

    /** Adds a key-value pair to the file's metadata ({@code FileMetaData.key_value_metadata}). */
    public ParquetTable metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Rows so far. */
    public int size() {
        return rows.size();
    }

    /** Writes the file atomically. */
    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    /** The whole file. */
    public byte[] toBytes() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(magic());
        long[] offsets = new long[columns.size()];
        long[] sizes = new long[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            byte[] chunk = chunk(j);
            offsets[j] = file.size();
            sizes[j] = chunk.length;
            file.writeBytes(chunk);
        }
        byte[] footer = footer(offsets, sizes);
        file.writeBytes(footer);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
        file.writeBytes(magic());
        return file.toByteArray();
    }

    private static byte[] magic() {
        return "PAR1".getBytes(StandardCharsets.US_ASCII);
    }

    /** Column j's chunk: one data page, its header first. */
    private byte[] chunk(int j) {
        Column c = columns.get(j);
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        if (c.optional()) {
            byte[] levels = definitionLevels(j);
            page.writeBytes(littleEndian(levels.length, 4));
            page.writeBytes(levels);
        }
        page.writeBytes(values(j));
        ThriftCompactWriter header = new ThriftCompactWriter()
                .i32(1, DATA_PAGE).i32(2, page.size()).i32(3, page.size())
                .struct(5).i32(1, rows.size()).i32(2, PLAIN).i32(3, RLE).i32(4, RLE).end()
                .end();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes(header.toBytes());
        chunk.writeBytes(page.toByteArray());
        return chunk.toByteArray();
    }

    /** Definition levels of column j as RLE runs (bit width 1: the level takes one byte). */
    private byte[] definitionLevels(int j) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < rows.size()) {
            boolean present = rows.get(i)[j] != null;
            int run = 1;
            while (i + run < rows.size() && (rows.get(i + run)[j] != null) == present) {
                run++;
            }
            ThriftCompactWriter.unsignedVarint(out, (long) run << 1);
            out.write(present ? 1 : 0);
            i += run;
        }
        return out.toByteArray();
    }

    /** PLAIN encoding of column j's non-null values. */
    private byte[] values(int j) {
        Column c = columns.get(j);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bits = 0;
        int packed = 0;
        for (Object[] row : rows) {
            Object v = row[j];
            if (v == null) {
                continue;
            }
            switch (c.type()) {
                case BOOLEAN -> {
                    packed |= ((Boolean) v ? 1 : 0) << bits;
                    if (++bits == 8) {
                        out.write(packed);
                        bits = 0;
                        packed = 0;
                    }
                }
                case INT64 -> out.writeBytes(littleEndian(((Number) v).longValue(), 8));
                case DOUBLE -> out.writeBytes(littleEndian(Double.doubleToRawLongBits(((Number) v).doubleValue()), 8));
                case STRING -> {
                    byte[] b = String.valueOf(v).getBytes(StandardCharsets.UTF_8);
                    out.writeBytes(littleEndian(b.length, 4));
                    out.writeBytes(b);
                }
            }
        }
        if (bits > 0) {
            out.write(packed);
        }
        return out.toByteArray();
    }

    /** FileMetaData: version 1, the schema (a root and one leaf per column), one row group, created_by. */
    private byte[] footer(long[] offsets, long[] sizes) {
        ThriftCompactWriter t = new ThriftCompactWriter().i32(1, 1);
        t.list(2, ThriftCompactWriter.STRUCT, columns.size() + 1);
        t.element().string(4, "schema").i32(5, columns.size()).end();
        for (Column c : columns) {
            t.element().i32(1, c.type().physical).i32(3, c.optional() ? OPTIONAL : REQUIRED).string(4, c.name());
            if (c.type() == Type.STRING) {
                t.i32(6, UTF8).struct(10).struct(1).end().end();           // logicalType: STRING (an empty struct)
            }
            t.end();
        }
        t.i64(3, rows.size());
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        t.list(4, ThriftCompactWriter.STRUCT, 1).element();
        t.list(1, ThriftCompactWriter.STRUCT, columns.size());
        for (int j = 0; j < columns.size(); j++) {
            Column c = columns.get(j);
            t.element().i64(2, offsets[j]).struct(3)
                    .i32(1, c.type().physical)
                    .list(2, ThriftCompactWriter.I32, 2).i32Element(PLAIN).i32Element(RLE)
                    .list(3, ThriftCompactWriter.BINARY, 1).stringElement(c.name())
                    .i32(4, UNCOMPRESSED).i64(5, rows.size()).i64(6, sizes[j]).i64(7, sizes[j]).i64(9, offsets[j])
                    .end().end();
        }
        t.i64(2, total).i64(3, rows.size()).i64(5, offsets.length == 0 ? 4 : offsets[0]).i64(6, total).end();
        if (!metadata.isEmpty()) {
            t.list(5, ThriftCompactWriter.STRUCT, metadata.size());
            metadata.forEach((k, v) -> t.element().string(1, k).string(2, v).end());
        }
        t.string(6, CREATED_BY).end();
        return t.toBytes();
    }

    private static void check(Column c, Object v) {
        boolean ok = v == null ? c.optional() : switch (c.type()) {
            case BOOLEAN -> v instanceof Boolean;
            case INT64 -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
            case DOUBLE -> v instanceof Number;
            case STRING -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("column " + c.name() + " (" + c.type() + (c.optional() ? ", optional" : ", required")
                    + ") cannot hold " + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
        }
    }

    private static byte[] littleEndian(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (v >>> 8 * i);
        }
        return b;
    }
}
