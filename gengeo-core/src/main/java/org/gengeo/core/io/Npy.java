package org.gengeo.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.gengeo.core.GengeoException;

/**
 * Reads NumPy's {@code .npy} format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html)
 * and {@code .npz} archives of them: the magic {@code \x93NUMPY}, a version byte pair, a little-endian
 * header length (2 bytes in version 1, 4 in versions 2 and 3), then that many bytes holding a Python
 * dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N, C, H, W), }} padded with
 * spaces, then the raw data.
 *
 * <p>Written here because no maintained Java reader validates a hostile header. The header is
 * bounded ({@value #MAX_HEADER} bytes, numpy's own default limit), parsed by a strict grammar
 * accepting exactly those three keys, and the element count it claims is checked against the bytes
 * actually present before any array is allocated; anything else is a one-line
 * {@link GengeoException} naming the file. Supported element types: {@code <f4}, {@code <f8},
 * {@code |u1}, {@code <i8}, {@code <i4} (little-endian, C order).
 */
public final class Npy {
    /** Largest header accepted, in bytes (numpy's {@code max_header_size} default). */
    public static final int MAX_HEADER = 10_000;
    /** Largest array accepted, in bytes (the limit of a Java array). */
    public static final long MAX_DATA = Integer.MAX_VALUE - 64;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Map<String, DType> DESCR = Map.of("<f4", DType.F32, "<f8", DType.F64, "|u1", DType.U8,
            "<u1", DType.U8, "<i8", DType.I64, "<i4", DType.I32);

    private Npy() {}

    /** Reads one {@code .npy} file. */
    public static TensorData read(Path file) {
        String source = file.toString();
        long size = fileSize(file);
        if (size > MAX_DATA) {
            throw new GengeoException(source + ": " + size + " bytes; arrays over 2 GiB are not supported");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, size, source);
        } catch (IOException e) {
            throw new GengeoException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads every array of a {@code .npz} archive (stored or deflated, as {@code numpy.savez} and
     * {@code savez_compressed} write them), keyed by name without the {@code .npy} suffix. The
     * uncompressed size each entry claims is checked against its header before reading, and the
     * bytes read are capped at that size.
     */
    public static Map<String, TensorData> readArchive(Path file) {
        String source = file.toString();
        fileSize(file);
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement());
            }
            for (ZipEntry entry : entries) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".npy")) {
                    throw new GengeoException(source + ": entry '" + name + "' is not a .npy array (not a NumPy .npz file?)");
                }
                long claimed = entry.getSize();
                if (claimed < 0 || claimed > MAX_DATA) {
                    throw new GengeoException(source + ": entry '" + name + "' has no usable size (" + claimed + " bytes)");
                }
                String key = name.substring(0, name.length() - 4);
                if (out.containsKey(key)) {
                    throw new GengeoException(source + ": array '" + key + "' appears twice");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    out.put(key, read(in, claimed, source + "!" + name));
                }
            }
        } catch (ZipException e) {
            throw new GengeoException(source + ": not a NumPy .npz (zip) file: " + e.getMessage());
        } catch (IOException e) {
            throw new GengeoException(source + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new GengeoException(file + ": file not found");
        } catch (IOException e) {
            throw new GengeoException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** One array from {@code in}, which holds exactly {@code size} bytes. */
    static TensorData read(InputStream in, long size, String source) throws IOException {
        byte[] start = in.readNBytes(8);
        if (start.length < 8 || !startsWithMagic(start)) {
            throw new GengeoException(source + ": not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = start[6];
        int lengthBytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : -1;
        if (lengthBytes < 0) {
            throw new GengeoException(source + ": unsupported .npy format version " + major + "." + start[7]);
        }
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new GengeoException(source + ": truncated .npy header");
        }
        ByteBuffer lb = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? Short.toUnsignedInt(lb.getShort()) : Integer.toUnsignedLong(lb.getInt());
        if (headerLength > MAX_HEADER) {
            throw new GengeoException(source + ": .npy header of " + headerLength + " bytes is over the " + MAX_HEADER + "-byte limit");
        }
        long dataLength = size - 8 - lengthBytes - headerLength;
        if (dataLength < 0) {
            throw new GengeoException(source + ": header claims " + headerLength + " bytes but the file has only " + size);
        }
        byte[] header = in.readNBytes((int) headerLength);
        if (header.length < headerLength) {
            throw new GengeoException(source + ": truncated .npy header");
        }
        Header h = NpyHeader.parse(new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), source);
        DType dtype = DESCR.get(h.descr());
        if (dtype == null) {
            throw new GengeoException(source + ": element type '" + h.descr() + "' is not supported (expected one of "
                    + String.join(", ", DESCR.keySet().stream().sorted().toList()) + ")");
        }
        if (h.fortranOrder()) {
            throw new GengeoException(source + ": Fortran-order arrays are not supported (save with numpy.ascontiguousarray)");
        }
        long count = 1;
        for (long d : h.shape()) {
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                count = Long.MAX_VALUE;
                break;
            }
        }
        long bytes = count == Long.MAX_VALUE ? Long.MAX_VALUE : count * dtype.byteSize();
        if (count > MAX_DATA || bytes != dataLength) {
            throw new GengeoException(source + ": header shape " + h.shapeText() + " of " + h.descr() + " needs "
                    + (bytes == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(bytes)) + " data bytes but the file holds " + dataLength);
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes || in.read() != -1) {
            throw new GengeoException(source + ": data region does not match the size recorded for it");
        }
        return new TensorData(dtype, h.shape(), data);
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The three facts a header holds. */
    record Header(String descr, boolean fortranOrder, long[] shape) {
        String shapeText() {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                s.append(i > 0 ? ", " : "").append(shape[i]);
            }
            return s.append(")").toString();
        }
    }
}
