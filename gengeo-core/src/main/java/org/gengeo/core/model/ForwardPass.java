package org.gengeo.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;

/**
 * How one forward pass runs: training (dropout on, masks drawn from a seeded stream) or inference,
 * and hooks that later measures override to read or perturb a layer's input and pre-activation
 * (per-example gradients read the gradient of a zero tensor added to each pre-activation).
 */
public class ForwardPass {
    private final boolean training;
    private final long dropoutSeed;

    /** A pass with the given mode; {@code dropoutSeed} fixes the dropout masks of this pass. */
    protected ForwardPass(boolean training, long dropoutSeed) {
        this.training = training;
        this.dropoutSeed = dropoutSeed;
    }

    /** Inference: dropout off, no hooks. */
    public static ForwardPass inference() {
        return new ForwardPass(false, 0);
    }

    /** Training: dropout on with masks determined by {@code dropoutSeed}. */
    public static ForwardPass training(long dropoutSeed) {
        return new ForwardPass(true, dropoutSeed);
    }

    /** Whether dropout is active. */
    public boolean training() {
        return training;
    }

    /** Called once per pass before the first dropout mask is drawn. */
    void seedDropout() {
        Engine.getInstance().setRandomSeed((int) (dropoutSeed ^ (dropoutSeed >>> 32)));
    }

    /** Sees (and may replace) the input {@code a} of layer {@code layer}. Default: unchanged. */
    public NDArray layerInput(String layer, NDArray a) {
        return a;
    }

    /** Sees (and may replace) the pre-activation {@code z} of layer {@code layer}. Default: unchanged. */
    public NDArray preActivation(String layer, NDArray z) {
        return z;
    }
}
