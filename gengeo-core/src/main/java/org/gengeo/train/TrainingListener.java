package org.gengeo.train;

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

    /** Training ended (for any reason). */
    default void finished() {}
}
