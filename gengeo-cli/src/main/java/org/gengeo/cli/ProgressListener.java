package org.gengeo.cli;

import java.util.Locale;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.TrainingListener;

/**
 * Shows training progress: on a terminal, a progress bar with the current minibatch loss; one line
 * per evaluation (or, in summary mode, only the last one when training ends), on standard error.
 */
final class ProgressListener implements TrainingListener, AutoCloseable {
    private final ConsoleProgress console;
    private final boolean everyEvaluation;
    private MetricsLine last;

    /** A listener printing every evaluation line. */
    ProgressListener(String task) {
        this(task, true);
    }

    /** With {@code everyEvaluation} false, only the final evaluation is printed. */
    ProgressListener(String task, boolean everyEvaluation) {
        this.console = new ConsoleProgress(task);
        this.everyEvaluation = everyEvaluation;
    }

    @Override
    public void started(long fromStep, long plannedSteps) {
        console.start(fromStep, plannedSteps);
    }

    @Override
    public void stepped(long step, double loss) {
        console.update(step, -1);
        console.message(String.format(Locale.ROOT, "loss %.4f", loss));
    }

    @Override
    public void evaluated(MetricsLine l) {
        last = l;
        if (everyEvaluation) {
            console.println(line(l));
        }
    }

    private static String line(MetricsLine l) {
        return String.format(Locale.ROOT, "step %d epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | lr %.4g | %.1f s",
                l.step(), l.epoch(), l.trainLoss(), l.trainAcc(), l.testLoss(), l.testAcc(), l.lr(), l.wallS());
    }

    @Override
    public void finished() {
        close();
        if (!everyEvaluation && last != null) {
            console.println("      " + line(last));
        }
    }

    @Override
    public void close() {
        console.close();
    }
}
