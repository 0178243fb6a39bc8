package org.gengeo.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An encoder for the subset of Apache Thrift's compact protocol that Parquet's metadata needs
 * (Thrift's "compact protocol" specification, doc/specs/thrift-compact-protocol.md): structs of
 * i32, i64, binary/string, struct and list fields. Integers are zigzag-encoded (n &lt;&lt; 1) ^ (n &gt;&gt; 63)
 * then written as unsigned LEB128 varints; binary is a varint length and the bytes. A field header is one
 * byte (delta &lt;&lt; 4) | type when the field id exceeds the previous one in the struct by 1 to 15, else
 * the type byte and the id as a zigzag varint; a struct ends with a 0 byte; a list header is one byte
 * (size &lt;&lt; 4) | element type for fewer than 15 elements, else 0xF0 | type and the size as a varint.
 */
public final class ThriftCompactWriter {
    /** Compact type codes. */
    public static final int I32 = 5;
    public static final int I64 = 6;
    public static final int BINARY = 8;
    public static final int LIST = 9;
    public static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> enclosing = new ArrayDeque<>();
    private int lastFieldId;

    /** An i32 field. */
    public ThriftCompactWriter i32(int id, int value) {
        fieldHeader(id, I32);
        varint(zigzag(value));
        return this;
    }

    /** An i64 field. */
    public ThriftCompactWriter i64(int id, long value) {
        fieldHeader(id, I64);
        varint(zigzag(value));
        return this;
    }

    /** A string field (UTF-8 binary). */
    public ThriftCompactWriter string(int id, String value) {
        fieldHeader(id, BINARY);
        binary(value);
        return this;
    }

    /** Opens a struct field; close it with {@link #end()}. */
    public ThriftCompactWriter struct(int id) {
        fieldHeader(id, STRUCT);
        return enter();
    }

    /** Opens a list field of {@code size} elements of compact type {@code elementType}; then write the elements. */
    public ThriftCompactWriter list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    /** Opens a struct that is a list element; close it with {@link #end()}. */
    public ThriftCompactWriter element() {
        return enter();
    }

    /** An i32 list element. */
    public ThriftCompactWriter i32Element(int value) {
        varint(zigzag(value));
        return this;
    }

    /** A string list element. */
    public ThriftCompactWriter stringElement(String value) {
        binary(value);
        return this;
    }

    /** Ends the innermost open struct (or, with none open, the top-level struct). */
    public ThriftCompactWriter end() {
        out.write(0);
        lastFieldId = enclosing.isEmpty() ? 0 : enclosing.pop();
        return this;
    }

    /** The bytes written so far. */
    public byte[] toBytes() {
        return out.toByteArray();
    }

    private ThriftCompactWriter enter() {
        enclosing.push(lastFieldId);
        lastFieldId = 0;
        return this;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastFieldId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastFieldId = id;
    }

    private void binary(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.write(b, 0, b.length);
    }

    private static long zigzag(long n) {
        return n << 1 ^ n >> 63;
    }

    private void varint(long v) {
        unsignedVarint(out, v);
    }

    /** Unsigned LEB128 (also Parquet's ULEB128): seven bits a byte, low bits first, high bit set on all but the last. */
    static void unsignedVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
