package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Conversions of every element type to float and double, against hand-written bit patterns. */
class TensorDataTest {
    private static TensorData of(DType t, int n, String hex) {
        return new TensorData(t, new long[] {n}, HexFormat.of().parseHex(hex));
    }

    @Test
    void halfPrecision() {
        // 1.0, -2.0, 65504 (largest), 2^-24 (smallest subnormal), 2^-14 (smallest normal), +inf, -0.0, NaN
        TensorData h = of(DType.F16, 8, "003c" + "00c0" + "ff7b" + "0100" + "0004" + "007c" + "0080" + "007e");
        double[] d = h.toDoubleArray();
        assertArrayEquals(new double[] {1, -2, 65504, 0x1p-24, 0x1p-14, Double.POSITIVE_INFINITY, -0.0}, java.util.Arrays.copyOf(d, 7));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[6]));
        assertEquals(Double.NaN, d[7]);
    }

    @Test
    void bfloat16() {
        // 1.0, -2.0, 3.140625 (0x4049), 1e38-ish (0x7e96)
        TensorData b = of(DType.BF16, 4, "803f" + "00c0" + "4940" + "967e");
        assertArrayEquals(new float[] {1f, -2f, 3.140625f, Float.intBitsToFloat(0x7e960000)}, b.toFloatArray());
    }

    @Test
    void integersAndBool() {
        assertArrayEquals(new double[] {-1, 127}, of(DType.I8, 2, "ff7f").toDoubleArray());
        assertArrayEquals(new double[] {255, 1}, of(DType.U8, 2, "ff01").toDoubleArray());
        assertArrayEquals(new double[] {-2, 256}, of(DType.I16, 2, "feff0001").toDoubleArray());
        assertArrayEquals(new double[] {65535}, of(DType.U16, 1, "ffff").toDoubleArray());
        assertArrayEquals(new double[] {-3, 65536}, of(DType.I32, 2, "fdffffff00000100").toDoubleArray());
        assertArrayEquals(new double[] {4294967295.0}, of(DType.U32, 1, "ffffffff").toDoubleArray());
        assertArrayEquals(new double[] {Long.MIN_VALUE, 1L << 40}, of(DType.I64, 2, "0000000000000080" + "0000000000010000").toDoubleArray());
        assertArrayEquals(new double[] {18446744073709551615.0, 1}, of(DType.U64, 2, "ffffffffffffffff" + "0100000000000000").toDoubleArray());
        assertArrayEquals(new float[] {0, 1, 1}, of(DType.BOOL, 3, "000102").toFloatArray());
    }

    @Test
    void floatsAndDoublesConvertBothWays() {
        TensorData f = TensorData.ofFloats(new long[] {2}, new float[] {0.1f, -3f});
        assertArrayEquals(new double[] {0.1f, -3}, f.toDoubleArray());
        TensorData d = TensorData.ofDoubles(new long[] {1, 2}, new double[] {0.1, 1e300});
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY}, d.toFloatArray());
        assertEquals(2, d.elementCount());
        assertEquals("F64[1, 2]", d.toString());
    }

    @Test
    void equalityIsByValue() {
        TensorData a = TensorData.ofFloats(new long[] {2}, new float[] {1, 2});
        assertEquals(a, TensorData.ofFloats(new long[] {2}, new float[] {1, 2}));
        assertEquals(a.hashCode(), TensorData.ofFloats(new long[] {2}, new float[] {1, 2}).hashCode());
        assertNotEquals(a, TensorData.ofFloats(new long[] {1, 2}, new float[] {1, 2}));
        assertNotEquals(a, new TensorData(DType.I32, new long[] {2}, a.data()));
    }

    @Test
    void constructorChecksTheByteCount() {
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats(new long[] {3}, new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new TensorData(DType.F32, new long[] {-1}, new byte[0]));
        assertThrows(ArithmeticException.class, () -> new TensorData(DType.F32, new long[] {1L << 62, 4}, new byte[0]));
    }
}
