package org.gengeo.measures.registry;

import org.gengeo.core.model.Architecture;

import java.util.List;

/**
 * One generalization measure of a trained network, computed from a {@link MeasureContext}. Adding a
 * measure is one class implementing this interface (or extending {@link WeightMeasure},
 * {@link TrainingPassMeasure} or {@link TrainingCurvatureMeasure}, which fix its data and cost) plus
 * one line in {@link MeasureRegistry#ALL}.
 * A measure returns one scalar (the number that is ranked against the generalization gap) and
 * optional details (per-layer values, intermediate quantities).
 */
public interface Measure {
    /** The data a measure needs beyond the weights. */
    enum Data { NONE, TRAIN, TEST }

    /** Rough cost, for {@code gengeo measure --list} and for choosing what to run in a sweep. */
    enum Cost {
        /** Weights only: milliseconds to a second. */
        WEIGHTS,
        /** Some forward or backward passes over (a sample of) the data: seconds. */
        PASSES,
        /** Hundreds of Hessian-vector products: tens of seconds or more. */
        CURVATURE
    }

    /** Registry name, lower-case with dashes (e.g. {@code hessian-top}). */
    String name();

    /** One line: what it is and where it comes from. */
    String description();

    Data data();

    Cost cost();

    /** Numeric parameters with their defaults; empty when there are none. */
    default List<MeasureParameter> parameters() {
        return List.of();
    }

    /**
     * Why this measure does not apply to {@code architecture} (e.g. a binary-only measure on a
     * ten-class model), or null when it does; {@code gengeo measure --all} skips such measures.
     */
    default String notApplicable(Architecture architecture) {
        return null;
    }

    /**
     * True when each of the measure's details is a feature to be ranked on its own (the margin
     * signature's per-layer statistics): sweeps then give every detail a column of its own, named
     * {@code MEASURE/DETAIL}, beside the measure's value.
     */
    default boolean detailsAreFeatures() {
        return false;
    }

    /** Computes the measure with {@code params} (every declared parameter present, validated). */
    MeasureValue compute(MeasureContext context, MeasureParameters params);
}
