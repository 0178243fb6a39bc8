package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy files written by numpy 1.24 (make_script_fixtures.py), and hostile headers built here. */
class NpyTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) throws Exception {
        return Path.of(NpyTest.class.getResource("/org/gengeo/core/script/" + name).toURI());
    }

    @Test
    void readsNumpysUint8Float32AndInt64ArraysAndArchives() throws Exception {
        TensorData u8 = Npy.read(fixture("u8_x.npy"));
        assertEquals(DType.U8, u8.dtype());
        assertArrayEquals(new long[] {5, 1, 2, 2}, u8.shape());
        double[] v = u8.toDoubleArray();
        for (int i = 0; i < 20; i++) {
            assertEquals((i * 13) & 0xff, v[i]);
        }
        TensorData x = Npy.read(fixture("cnn_x.npy"));
        assertEquals(DType.F32, x.dtype());
        assertArrayEquals(new long[] {16, 3, 8, 8}, x.shape());
        TensorData y = Npy.read(fixture("cnn_y.npy"));
        assertEquals(DType.I64, y.dtype());
        assertArrayEquals(new long[] {16}, y.shape());
        Map<String, TensorData> npz = Npy.readArchive(fixture("resmlp_x.npz"));
        assertEquals(java.util.List.of("x", "y"), java.util.List.copyOf(npz.keySet()));
        assertArrayEquals(new long[] {16, 6}, npz.get("x").shape());
    }

    /** A version-1 .npy file with the given header text (padded as numpy pads it) and data. */
    static byte[] npy(String header, byte[] data) {
        byte[] h = (header + " ".repeat(Math.max(0, 64 - header.length() - 11)) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    private String refusal(byte[] bytes) throws IOException {
        Path p = tmp.resolve("bad.npy");
        Files.write(p, bytes);
        GengeoException e = assertThrows(GengeoException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void hostileHeadersAreOneLineErrorsBeforeAnyAllocation() throws IOException {
        // a shape claiming 2^62 elements must be refused from the header, not allocated
        assertTrue(refusal(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 2), }", new byte[8]))
                .contains("needs"));
        assertTrue(refusal(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", new byte[8])).contains("holds 8"));
        assertTrue(refusal(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", new byte[4]))
                .contains("malformed"));
        assertTrue(refusal(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4])).contains("Fortran"));
        assertTrue(refusal(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])).contains("not supported"));
        assertTrue(refusal(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': __import__('os')}", new byte[4]))
                .contains("malformed"));
        assertTrue(refusal(npy("{'descr': '<f4', 'shape': (1,), }", new byte[4])).contains("missing"));
        assertTrue(refusal("not numpy at all".getBytes(StandardCharsets.US_ASCII)).contains("magic"));
        // a header length over the limit is refused before reading it
        ByteBuffer big = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        big.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(Integer.MAX_VALUE).putShort((short) 0);
        assertTrue(refusal(big.array()).contains("limit"));
    }
}
