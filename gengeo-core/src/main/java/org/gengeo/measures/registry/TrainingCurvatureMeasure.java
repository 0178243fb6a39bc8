package org.gengeo.measures.registry;

/** A measure of the training loss's curvature: hundreds of Hessian-vector products over a training sample. */
public abstract class TrainingCurvatureMeasure implements Measure {
    @Override
    public final Data data() {
        return Data.TRAIN;
    }

    @Override
    public final Cost cost() {
        return Cost.CURVATURE;
    }
}
