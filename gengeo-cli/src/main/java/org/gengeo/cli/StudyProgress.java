package org.gengeo.cli;

import java.util.Locale;
import org.gengeo.study.StudyListener;
import org.gengeo.train.TrainingListener;

/**
 * Progress of a study on standard error: one line per run ("[3/20] noise-winsor/noise20-c1, about 12m left",
 * the estimate linear in the runs started so far, counting a resumed run's skipped runs too), its
 * final evaluation, and on a terminal a progress bar over the run's steps.
 */
final class StudyProgress implements StudyListener {
    private long start = -1;

    @Override
    public TrainingListener runStarting(String label, int index, int total) {
        long now = System.nanoTime();
        if (start < 0) {
            start = now;
        }
        if (Verbosity.current() != Verbosity.QUIET) {
            String left = index > 1 ? ", about " + ConsoleProgress.duration((now - start) / 1e9 * (total - index + 1) / (index - 1)) + " left" : "";
            System.err.printf(Locale.ROOT, "[%d/%d] %s%s%n", index, total, label, left);
        }
        return new ProgressListener(label, false);
    }
}
