package org.gengeo.core;

/**
 * A problem caused by the user's input (a corrupt file, an impossible option, a diverged run),
 * as opposed to a bug. The message is one line (control characters escaped) that names the cause (and the file, where there
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
        super(oneLine(message), cause);
        this.exitCode = exitCode;
    }

    /**
     * The message with line breaks and other control characters written as escapes ({@code \n},
     * {@code \u0007}): messages echo what the user gave (a spec, a key, a file's bytes), and that
     * may hold a line break, which must not split the one line an error is.
     */
    private static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The process exit code the command line uses for this error. */
    public int exitCode() {
        return exitCode;
    }
}
