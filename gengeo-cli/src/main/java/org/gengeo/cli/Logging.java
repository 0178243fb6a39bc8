package org.gengeo.cli;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * gengeo logs through SLF4J; the command line's backend is Logback, configured by
 * {@code logback.xml} (one line per message on standard error, warnings and errors only). The
 * levels follow {@link Verbosity}: errors only under {@code --quiet}; with {@code --verbose}, debug
 * for gengeo ({@code org.gengeo}) and info for the libraries (DJL, PyTorch's engine loader).
 *
 * <p>libtorch's own C++ warnings ({@code [W ...]} lines from c10) are written by native code straight
 * to file descriptor 2; DJL offers no hook to redirect them, so they bypass this log.
 */
final class Logging {
    private Logging() {}

    /** Sets the log levels for {@code v}; a no-op under another SLF4J backend (Spark's log4j 2, which its own file configures). */
    static void configure(Verbosity v) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            LogbackLevels.set(factory, v);
        }
    }

    /** Touches Logback's classes only when Logback is the backend. */
    private static final class LogbackLevels {
        static void set(ILoggerFactory factory, Verbosity v) {
            ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) factory;
            ch.qos.logback.classic.Level root = switch (v) {
                case QUIET -> ch.qos.logback.classic.Level.ERROR;
                case NORMAL -> ch.qos.logback.classic.Level.WARN;
                case VERBOSE -> ch.qos.logback.classic.Level.INFO;
            };
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(root);
            context.getLogger("org.gengeo").setLevel(v == Verbosity.VERBOSE ? ch.qos.logback.classic.Level.DEBUG : root);
            // DJL warns on every start of a CPU-only machine that it found no CUDA driver; that is the expected case here.
            context.getLogger("ai.djl.util.cuda.CudaUtils").setLevel(v == Verbosity.VERBOSE ? root : ch.qos.logback.classic.Level.ERROR);
        }
    }
}
