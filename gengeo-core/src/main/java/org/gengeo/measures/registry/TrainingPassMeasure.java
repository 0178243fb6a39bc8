package org.gengeo.measures.registry;

/** A measure that makes some forward or backward passes over (a sample of) the training set: seconds. */
public abstract class TrainingPassMeasure implements Measure {
    @Override
    public final Data data() {
        return Data.TRAIN;
    }

    @Override
    public final Cost cost() {
        return Cost.PASSES;
    }
}
