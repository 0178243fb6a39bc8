package org.gengeo.cli;

import java.util.Locale;
import org.gengeo.study.StudyListener;
import org.gengeo.train.TrainingListener;

/**
 * Progress of a study on standard error: one line per run ("[3/20] noise-winsor/noise20-c1"), its
 * final evaluation, and on a terminal a progress bar over the run's steps.
 */
final class StudyProgress implements StudyListener {
    @Override
    public TrainingListener runStarting(String label, int index, int total) {
        System.err.printf(Locale.ROOT, "[%d/%d] %s%n", index, total, label);
        return new ProgressListener(label, false);
    }
}
