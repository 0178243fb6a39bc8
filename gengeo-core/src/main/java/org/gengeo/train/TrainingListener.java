package org.gengeo.train;

import org.gengeo.core.model.Network;

/** Observes a training run (the command line draws a progress bar from it). */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /** Training starts (or resumes) at {@code fromStep}; {@code plannedSteps} is -1 if unknown. */
    default void started(long fromStep, long plannedSteps) {}

    /** Step {@code step} (1-based count of updates so far) finished with minibatch loss {@code loss}. */
    default void stepped(long step, double loss) {}

    /** An evaluation point was logged. */
    default void evaluated(MetricsLine line) {}

    /**
     * An evaluation point was logged and checkpointed; {@code network} holds the weights it evaluated (read them,
     * do not change or close them). By default the same as {@link #evaluated(MetricsLine)}.
     */
    default void evaluated(MetricsLine line, Network network) {
        evaluated(line);
    }

    /** Training ended (for any reason). */
    default void finished() {}
}
