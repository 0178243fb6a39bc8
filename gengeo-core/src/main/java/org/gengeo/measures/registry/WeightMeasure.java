package org.gengeo.measures.registry;

/** A measure of the weights alone: it needs no data and costs milliseconds. */
public abstract class WeightMeasure implements Measure {
    @Override
    public final Data data() {
        return Data.NONE;
    }

    @Override
    public final Cost cost() {
        return Cost.WEIGHTS;
    }
}
