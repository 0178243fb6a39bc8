package org.gengeo.cli;

import java.util.Locale;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.TrainingListener;

/**
 * Shows training progress: on a terminal, a progress bar with the current minibatch loss and one
 * line per evaluation; elsewhere (CI logs, pipes) only the evaluation lines, on standard error.
 */
final class ProgressListener implements TrainingListener, AutoCloseable {
    private final ConsoleProgress console;

    ProgressListener(String task) {
        this.console = new ConsoleProgress(task);
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
        console.println(String.format(Locale.ROOT,
                "step %d epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | lr %.4g | %.1f s",
                l.step(), l.epoch(), l.trainLoss(), l.trainAcc(), l.testLoss(), l.testAcc(), l.lr(), l.wallS()));
    }

    @Override
    public void finished() {
        close();
    }

    @Override
    public void close() {
        console.close();
    }
}
