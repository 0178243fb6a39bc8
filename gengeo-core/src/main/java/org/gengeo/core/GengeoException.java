package org.gengeo.core;

/**
 * A problem caused by the user's input (a corrupt file, an impossible option, a diverged run),
 * as opposed to a bug. The message is one line that names the cause (and the file, where there
 * is one); the command line prints it without a stack trace and exits with {@link #exitCode()}.
 */
public class GengeoException extends RuntimeException {
    /** Exit code for bad input: a malformed file, an impossible option. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an I/O failure that is not the input's fault: a full disk, a read error. */
    public static final int IO_FAILURE = 1;

    private final int exitCode;

    /** A bad-input error (exit code 2). */
    public GengeoException(String message) {
        this(message, BAD_INPUT, null);
    }

    /** A bad-input error (exit code 2) caused by {@code cause}. */
    public GengeoException(String message, Throwable cause) {
        this(message, BAD_INPUT, cause);
    }

    /** An error with an explicit exit code. */
    public GengeoException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code the command line uses for this error. */
    public int exitCode() {
        return exitCode;
    }
}
