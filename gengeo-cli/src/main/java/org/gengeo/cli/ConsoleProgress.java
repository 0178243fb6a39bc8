package org.gengeo.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gengeo.core.Progress;

/**
 * A progress bar on standard error when it is a terminal; nothing otherwise (CI logs stay clean).
 * Also a {@link Progress} for long measurements (unknown totals show a bar without an end).
 */
final class ConsoleProgress implements Progress, AutoCloseable {
    private final String task;
    private final boolean terminal;
    private final PrintStream err = System.err;
    private ProgressBar bar;

    ConsoleProgress(String task) {
        this.task = task;
        this.terminal = System.console() != null;
    }

    /** Starts (or restarts) the bar at {@code done} of {@code total} (-1: unknown). */
    void start(long done, long total) {
        if (terminal && bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
            bar.stepTo(done);
        }
    }

    @Override
    public void update(long done, long total) {
        start(0, total);
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Shows a short message beside the bar. */
    void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    /** Prints a line above the bar (or plainly, without one). */
    void println(String line) {
        if (bar != null) {
            err.print("\r\033[K");
        }
        err.println(line);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
