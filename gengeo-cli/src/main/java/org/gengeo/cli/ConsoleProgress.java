package org.gengeo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Timer;
import java.util.TimerTask;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gengeo.core.Progress;

/**
 * Progress of long work on standard error, with an estimate of the time left. On a terminal, a
 * progress bar (elapsed and remaining time, redrawn in place); otherwise (a log file, CI) a plain line
 * at most every {@link #LINE_INTERVAL}, so logs get no carriage-return spam, and at least that often
 * while a long unit of work (one slow measure) runs, so a log shows the command is alive; nothing under
 * {@code --quiet}. The estimate is linear: remaining = elapsed * (total - done) / done, counting from
 * the first update (work done before a resume does not count).
 * Also a {@link Progress} for long measurements (unknown totals show a bar without an end).
 */
final class ConsoleProgress implements Progress, AutoCloseable {
    /** Least time between two plain progress lines. */
    static final Duration LINE_INTERVAL = Duration.ofSeconds(30);

    private final String task;
    private final boolean terminal;
    private final boolean quiet;
    private final PrintStream err;
    private final LongSupplier clock;
    private ProgressBar bar;
    private long startNanos = -1;
    private long startDone;
    private long total = -1;
    private long lastLine;
    private long lastDone;
    private Timer heartbeat;
    private String extra = "";

    ConsoleProgress(String task) {
        this(task, standardErrorIsATerminal(), Verbosity.current() == Verbosity.QUIET, System.err, System::nanoTime);
    }

    /**
     * Whether file descriptor 2 is a terminal, read from /proc/self/fd/2 (Linux, the platform of the
     * native libraries); elsewhere {@link System#console()}, which asks the same of standard input and output.
     */
    static boolean standardErrorIsATerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** For tests: the output mode, stream and clock (nanoseconds) given. */
    ConsoleProgress(String task, boolean terminal, boolean quiet, PrintStream err, LongSupplier clock) {
        this.task = task;
        this.terminal = terminal;
        this.quiet = quiet;
        this.err = err;
        this.clock = clock;
    }

    /** Starts the count at {@code done} of {@code total} (-1: unknown); later calls do nothing. */
    synchronized void start(long done, long total) {
        if (startNanos >= 0) {
            return;
        }
        startNanos = clock.getAsLong();
        lastLine = startNanos;
        startDone = done;
        lastDone = done;
        this.total = total;
        if (terminal && !quiet) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
            bar.stepTo(done);
        }
    }

    /** Also prints the plain line every {@link #LINE_INTERVAL} when no update came in between (off a terminal, not quiet). */
    ConsoleProgress withHeartbeat() {
        if (!terminal && !quiet && heartbeat == null) {
            heartbeat = new Timer("gengeo-progress", true);
            long ms = LINE_INTERVAL.toMillis();
            heartbeat.schedule(new TimerTask() {
                @Override
                public void run() {
                    beat();
                }
            }, ms, ms);
        }
        return this;
    }

    /** One heartbeat: the plain line, if none was printed for (nearly) an interval. */
    synchronized void beat() {
        long now = clock.getAsLong();
        if (startNanos >= 0 && now - lastLine >= LINE_INTERVAL.toNanos() - LINE_INTERVAL.toNanos() / 10) {
            lastLine = now;
            err.println(line(lastDone, now));
        }
    }

    @Override
    public synchronized void update(long done, long total) {
        start(0, total);
        if (total >= 0) {
            this.total = total;
        }
        lastDone = done;
        if (bar != null) {
            bar.stepTo(done);
        } else if (!terminal && !quiet) {
            long now = clock.getAsLong();
            if (now - lastLine >= LINE_INTERVAL.toNanos() || (this.total >= 0 && done >= this.total)) {
                lastLine = now;
                err.println(line(done, now));
            }
        }
    }

    /** "task: 30/120 (25%), 1m10s elapsed, about 3m30s left" (no percentage or estimate when the total is unknown). */
    String line(long done, long now) {
        double elapsed = (now - startNanos) / 1e9;
        StringBuilder b = new StringBuilder(task).append(": ").append(done);
        if (total >= 0) {
            b.append('/').append(total).append(String.format(Locale.ROOT, " (%.0f%%)", total == 0 ? 100.0 : 100.0 * done / total));
        }
        b.append(", ").append(duration(elapsed)).append(" elapsed");
        long progressed = done - startDone;
        if (total >= 0 && progressed > 0 && done < total) {
            b.append(", about ").append(duration(elapsed * (total - done) / progressed)).append(" left");
        }
        if (!extra.isEmpty()) {
            b.append(" | ").append(extra.strip());
        }
        return b.toString();
    }

    /** "45s", "3m05s", "2h07m". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }

    /** Shows a short message beside the bar (and at the end of plain lines). */
    synchronized void message(String text) {
        extra = text;
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    /** Prints a line on standard error above the bar (or plainly, without one); nothing under --quiet. */
    synchronized void println(String line) {
        if (quiet) {
            return;
        }
        clearBar();
        err.println(line);
    }

    /** Prints a line of the command's output to {@code out}, first clearing the bar so the two do not garble. */
    synchronized void println(PrintWriter out, String line) {
        clearBar();
        out.println(line);
        out.flush();
    }

    private void clearBar() {
        if (bar != null) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.cancel();
            heartbeat = null;
        }
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
