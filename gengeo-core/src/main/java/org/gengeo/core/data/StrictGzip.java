package org.gengeo.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip file (RFC 1952) held in memory, decompressed as a stream that refuses what
 * {@link java.util.zip.GZIPInputStream} lets through: bytes after the last member that are not
 * another member (the JDK class ignores such "trailing garbage" by design), and members whose
 * CRC-32 or length trailer does not match. Each member is a 10-byte header (1f 8b 08 FLG, mtime,
 * XFL, OS), the optional FEXTRA, FNAME, FCOMMENT and FHCRC fields FLG announces, raw deflate data
 * ({@link Inflater} does the decompression) and an 8-byte trailer: CRC-32 and length mod 2^32 of
 * the uncompressed data, little-endian. Output is produced only as it is read, so a reader that
 * stops after what a header promised never holds more than that.
 */
final class StrictGzip extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final byte[] in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberLength;
    private boolean done;

    /** Opens the gzip data in {@code bytes} and checks its first member's header. */
    StrictGzip(byte[] bytes) throws IOException {
        this.in = bytes;
        startMember(0);
    }

    private void startMember(int at) throws IOException {
        int p = at;
        if (in.length - p < 10 || (in[p] & 0xff) != 0x1f || (in[p + 1] & 0xff) != 0x8b) {
            throw new ZipException(at == 0 ? "not in gzip format" : "trailing bytes after the gzip data (" + (in.length - at)
                    + " bytes that are not another gzip member)");
        }
        if (in[p + 2] != 8) {
            throw new ZipException("unsupported compression method " + (in[p + 2] & 0xff));
        }
        int flags = in[p + 3] & 0xff;
        p += 10;
        if ((flags & FEXTRA) != 0) {
            need(p, 2);
            p += 2 + ((in[p] & 0xff) | (in[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(p);
        }
        if ((flags & FCOMMENT) != 0) {
            p = afterZero(p);
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        need(p, 0);
        inflater.reset();
        inflater.setInput(in, p, in.length - p);
        crc.reset();
        memberLength = 0;
    }

    private void need(int at, int n) throws ZipException {
        if (at + n > in.length) {
            throw new ZipException("gzip header is cut short");
        }
    }

    private int afterZero(int p) throws ZipException {
        while (p < in.length && in[p] != 0) {
            p++;
        }
        need(p, 1);
        return p + 1;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("corrupt deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberLength += n;
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsInput()) {
                throw new ZipException("unexpected end of the compressed stream");
            } else {
                throw new ZipException("deflate data asks for a preset dictionary, which gzip does not have");
            }
        }
        return -1;
    }

    /** Checks the trailer of the member just finished, then starts the next one or ends the stream. */
    private void endMember() throws IOException {
        int trailer = in.length - inflater.getRemaining();
        if (in.length - trailer < 8) {
            throw new ZipException("unexpected end of the compressed stream (no complete gzip trailer)");
        }
        long storedCrc = littleEndian(trailer);
        long storedLength = littleEndian(trailer + 4);
        if (storedCrc != crc.getValue()) {
            throw new ZipException("CRC-32 mismatch (corrupt data)");
        }
        if (storedLength != (memberLength & 0xffffffffL)) {
            throw new ZipException("length mismatch: the trailer says " + storedLength + " bytes, the data holds " + memberLength);
        }
        int next = trailer + 8;
        if (next == in.length) {
            done = true;
            inflater.end();
        } else {
            startMember(next);
        }
    }

    private long littleEndian(int at) {
        return (in[at] & 0xffL) | (in[at + 1] & 0xffL) << 8 | (in[at + 2] & 0xffL) << 16 | (in[at + 3] & 0xffL) << 24;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
