package org.gengeo.cli;

import java.util.Locale;
import org.gengeo.study.StudyListener;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.TrainingListener;

/**
 * Progress of a study on standard error: one line per run ("[3/20] noise-winsor/noise20-c1"), its
 * final evaluation, and on a terminal a progress bar over the run's steps.
 */
final class StudyProgress implements StudyListener {
    @Override
    public TrainingListener runStarting(String label, int index, int total) {
        System.err.printf(Locale.ROOT, "[%d/%d] %s%n", index, total, label);
        ConsoleProgress console = new ConsoleProgress(label);
        return new TrainingListener() {
            private MetricsLine last;

            @Override
            public void started(long fromStep, long plannedSteps) {
                console.start(fromStep, plannedSteps);
            }

            @Override
            public void stepped(long step, double loss) {
                console.update(step, -1);
            }

            @Override
            public void evaluated(MetricsLine line) {
                last = line;
            }

            @Override
            public void finished() {
                console.close();
                if (last != null) {
                    System.err.printf(Locale.ROOT, "      epoch %d: train acc %.4f, test acc %.4f, %.1f s%n", last.epoch(), last.trainAcc(),
                            last.testAcc(), last.wallS());
                }
            }
        };
    }
}
