package org.gengeo.study;

import org.gengeo.train.TrainingListener;

/** Observes a study: each training run it starts (the command line shows which, and a progress bar). */
public interface StudyListener {
    /** A listener that ignores everything. */
    StudyListener NONE = (label, index, total) -> TrainingListener.NONE;

    /** Run {@code index} of {@code total} (1-based), described by {@code label}, starts; returns the listener for its training. */
    TrainingListener runStarting(String label, int index, int total);
}
