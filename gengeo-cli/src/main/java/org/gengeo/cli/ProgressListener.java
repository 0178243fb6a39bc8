package org.gengeo.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.TrainingListener;

/**
 * Shows training progress: on a terminal, a progress bar with the current minibatch loss and one
 * line per evaluation; elsewhere (CI logs, pipes) only the evaluation lines, on standard error.
 */
final class ProgressListener implements TrainingListener, AutoCloseable {
    private final String task;
    private final boolean bar;
    private final PrintStream err = System.err;
    private ProgressBar progress;

    private ProgressListener(String task, boolean bar) {
        this.task = task;
        this.bar = bar;
    }

    /** A bar when standard error is a terminal, plain lines otherwise. */
    static ProgressListener forConsole(String task) {
        return new ProgressListener(task, System.console() != null);
    }

    @Override
    public void started(long fromStep, long plannedSteps) {
        if (bar) {
            progress = new ProgressBarBuilder().setTaskName(task).setInitialMax(plannedSteps)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
            progress.stepTo(fromStep);
        }
    }

    @Override
    public void stepped(long step, double loss) {
        if (progress != null) {
            progress.stepTo(step);
            progress.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
        }
    }

    @Override
    public void evaluated(MetricsLine l) {
        String line = String.format(Locale.ROOT,
                "step %d epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | lr %.4g | %.1f s",
                l.step(), l.epoch(), l.trainLoss(), l.trainAcc(), l.testLoss(), l.testAcc(), l.lr(), l.wallS());
        if (progress != null) {
            err.print("\r\033[K");
        }
        err.println(line);
    }

    @Override
    public void finished() {
        close();
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }
}
