package org.gengeo.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a safetensors file: element type, shape and the raw little-endian bytes in
 * row-major (C) order. A shape of length 0 is a scalar (one element); a zero dimension gives an
 * empty tensor. The constructor checks that {@code data} holds exactly
 * {@code product(shape) * dtype.byteSize()} bytes. The arrays are not copied: do not modify them
 * after construction.
 */
public record TensorData(DType dtype, long[] shape, byte[] data) {
    /** Checks the components; a mismatch is a programming error ({@link IllegalArgumentException}). */
    public TensorData {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long needed = Math.multiplyExact(count(shape), (long) dtype.byteSize());
        if (needed != data.length) {
            throw new IllegalArgumentException(data.length + " bytes for shape " + Arrays.toString(shape) + " of " + dtype
                    + ", which needs " + needed);
        }
    }

    /** A float32 tensor holding {@code values} (row-major). */
    public static TensorData ofFloats(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorData(DType.F32, shape.clone(), b.array());
    }

    /** A float64 tensor holding {@code values} (row-major). */
    public static TensorData ofDoubles(long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new TensorData(DType.F64, shape.clone(), b.array());
    }

    /** {@code values} as a float64 tensor, or rounded to a float32 one when {@code float64} is false. */
    public static TensorData ofDoubles(long[] shape, double[] values, boolean float64) {
        if (float64) {
            return ofDoubles(shape, values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return ofFloats(shape, f);
    }

    /** Number of elements, the product of the shape (1 for a scalar, 0 for an empty tensor). */
    public long elementCount() {
        return count(shape);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The values converted to float (rounded for F64 and for large integers; BOOL gives 0 or 1). */
    public float[] toFloatArray() {
        if (dtype == DType.F32) {
            float[] out = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        double[] d = toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** The values converted to double (exact for every type but 64-bit integers beyond 2^53; BOOL gives 0 or 1). */
    public double[] toDoubleArray() {
        int n = data.length / dtype.byteSize();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[n];
        if (dtype == DType.F64) {
            b.asDoubleBuffer().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = element(b, i);
        }
        return out;
    }

    private double element(ByteBuffer b, int i) {
        switch (dtype) {
            case F64: return b.getDouble(i * 8);
            case F32: return b.getFloat(i * 4);
            case F16: return halfToFloat(b.getShort(i * 2));
            case BF16: return Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
            case I64: return b.getLong(i * 8);
            case I32: return b.getInt(i * 4);
            case I16: return b.getShort(i * 2);
            case I8: return b.get(i);
            case U64: return unsignedToDouble(b.getLong(i * 8));
            case U32: return b.getInt(i * 4) & 0xffffffffL;
            case U16: return b.getShort(i * 2) & 0xffff;
            case U8: return b.get(i) & 0xff;
            case BOOL: return b.get(i) != 0 ? 1 : 0;
            default: throw new AssertionError(dtype);
        }
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** IEEE 754 binary16 to float (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Equal dtype, shape and bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && t.dtype == dtype && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    /** For example {@code F32[5, 4]}. */
    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
