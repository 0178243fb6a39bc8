package org.gengeo.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.gengeo.core.GengeoException;

/**
 * The contract every fuzz test checks: a user-fed parser either returns a result or throws a
 * {@link GengeoException} with a one-line, non-empty message; anything else (another exception, an
 * error, a multi-line message) is a finding, rethrown so that Jazzer reports it and saves the input.
 * The cases tried are tallied in {@code target/fuzz-tally/KIND.txt} when the JVM ends.
 */
public final class FuzzOutcomes {
    private static final AtomicLong RESULTS = new AtomicLong();
    private static final AtomicLong ERRORS = new AtomicLong();
    private static final AtomicLong FINDINGS = new AtomicLong();
    private static volatile String kind;

    private FuzzOutcomes() {}

    /** Something that parses one input. */
    @FunctionalInterface
    public interface Parse {
        void run() throws Exception;
    }

    /** Runs {@code parse} on one input of {@code inputKind} and checks its outcome. */
    public static void check(String inputKind, Parse parse) {
        if (kind == null) {
            kind = inputKind;
            Runtime.getRuntime().addShutdownHook(new Thread(FuzzOutcomes::writeTally));
        }
        try {
            parse.run();
            RESULTS.incrementAndGet();
        } catch (GengeoException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
                FINDINGS.incrementAndGet();
                throw new AssertionError("not a one-line error: " + m, e);
            }
            ERRORS.incrementAndGet();
        } catch (Exception | Error e) {
            FINDINGS.incrementAndGet();
            throw new AssertionError(inputKind + ": neither a result nor a GengeoException: " + e, e);
        }
    }

    private static void writeTally() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-tally"));
            Files.writeString(dir.resolve(kind + ".txt"), String.format("%s: %d cases, %d results, %d one-line errors, %d other outcomes%n",
                    kind, RESULTS.get() + ERRORS.get() + FINDINGS.get(), RESULTS.get(), ERRORS.get(), FINDINGS.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
