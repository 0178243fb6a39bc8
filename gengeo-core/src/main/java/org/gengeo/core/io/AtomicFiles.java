package org.gengeo.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.gengeo.core.GengeoException;

/**
 * Atomic file replacement: the content is written to a temporary file in the target's directory,
 * forced to disk, and renamed over the target. A reader sees either the old file or the new one,
 * never a half-written one, even if the process is killed mid-write.
 *
 * <p>The temporary file is created like any new file, with mode 0666 less the process umask (not
 * {@link Files#createTempFile}'s 0600), so a file shared through a group-readable directory stays
 * readable. A target that is a symbolic link is written through: the link's final target is
 * replaced atomically and the link stays. A target that exists but is not a regular file (a device
 * such as {@code /dev/stdout}, a pipe) is streamed into directly, without a rename, since such a file
 * cannot be replaced; a dangling link or a directory is a one-line error.
 */
public final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {}

    /**
     * Creates {@code dir} and its missing parents. A failure is a one-line {@link GengeoException}
     * that names the cause, not only the path: a parent that is a regular file, or a denied
     * permission (exit code 2, the same whichever option named the path: another path fixes it), or
     * the operating system's reason for any other I/O failure (exit code 1).
     */
    public static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            Path blocker = fileInTheWay(dir.toAbsolutePath());
            if (blocker != null) {
                throw new GengeoException(dir + ": cannot create the directory: " + blocker + " is a file, not a directory", e);
            }
            if (e instanceof AccessDeniedException) {
                throw new GengeoException(dir + ": cannot create the directory: permission denied", e);
            }
            String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
            throw new GengeoException(dir + ": cannot create the directory: " + reason, GengeoException.IO_FAILURE, e);
        }
    }

    /** The path itself or its nearest existing ancestor, if that is not a directory; else null. */
    private static Path fileInTheWay(Path p) {
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.exists(q)) {
                return Files.isDirectory(q) ? null : q;
            }
        }
        return null;
    }

    /**
     * Deletes the temporary files that writes into {@code dir} left behind when their process was
     * killed mid-write ({@code .NAME.<digits>.tmp}; they never replace a target). Call it only while
     * no other process writes into {@code dir}, i.e. holding the directory's {@link ProcessLock}.
     */
    public static void removeLeftovers(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("\\..+\\.[0-9]+\\.tmp") && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up temporary files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code content} to {@code target} atomically. */
    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    /** Writes {@code text} (UTF-8) to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Streams content produced by {@code writer} into {@code target} atomically (see the class comment for links and devices). */
    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        try {
            if (Files.isSymbolicLink(abs) && !Files.exists(abs)) {
                throw new GengeoException(target + ": a symbolic link to a missing file (" + Files.readSymbolicLink(abs) + "); not replacing it");
            }
            if (Files.isDirectory(abs)) {
                throw new GengeoException(target + ": is a directory");
            }
            if (Files.exists(abs) && !Files.isRegularFile(abs)) {
                try (OutputStream out = Files.newOutputStream(abs, StandardOpenOption.WRITE)) {
                    writer.writeTo(out);
                }
                return;
            }
            replace(Files.isSymbolicLink(abs) ? abs.toRealPath() : abs, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes a temporary file beside the regular file {@code abs} and renames it over {@code abs}. */
    private static void replace(Path abs, Writer writer) throws IOException {
        Path dir = abs.getParent();
        createDirectories(dir);
        Path tmp = null;
        try {
            OutputStream out = null;
            while (out == null) {
                tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
                try {
                    out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null;
                }
            }
            try (OutputStream o = out) {
                writer.writeTo(o);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file never replaces the target
                }
            }
        }
    }
}
