package org.gengeo.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.gengeo.core.GengeoException;

/**
 * An exclusive OS lock on a file ({@link FileChannel#tryLock}), held until {@link #close}: the
 * operating system releases it when the process ends, even by {@code kill -9}, so a lock file left
 * behind never blocks a later process. It keeps two gengeo processes from writing one directory.
 */
public final class ProcessLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} (created if absent) without waiting.
     *
     * @throws GengeoException with {@code busyMessage} if another process (or another part of this one) holds it
     */
    public static ProcessLock tryLock(Path file, String busyMessage) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new GengeoException(busyMessage);
        }
        return new ProcessLock(channel, lock);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a lock: " + e.getMessage(), e);
        }
    }
}
