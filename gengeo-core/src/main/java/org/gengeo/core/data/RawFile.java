package org.gengeo.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.gengeo.core.GengeoException;

/** The bytes of one data file as found on disk or in the embedded resources, with its name for errors. */
record RawFile(String name, byte[] bytes) {
    /** Largest data file accepted (CIFAR-10's and MNIST's files are far below). */
    static final long MAX_BYTES = 1L << 30;

    static RawFile of(Path path) {
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new GengeoException(path + ": " + size + " bytes is larger than any supported data file");
            }
            return new RawFile(path.toString(), Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new GengeoException(path + ": file not found");
        } catch (IOException e) {
            throw new GengeoException(path + ": cannot read: " + e.getMessage());
        }
    }

    static RawFile resource(String resource) {
        try (InputStream in = RawFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded resource " + resource + " is missing from the build");
            }
            return new RawFile("embedded:" + resource, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read embedded resource " + resource, e);
        }
    }

    /** SHA-256 (hex) of the bytes as stored. */
    String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if the bytes start with the gzip magic number 1f 8b. */
    boolean gzipped() {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }
}
