package org.gengeo.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;

/**
 * How one forward pass runs: training (dropout on, masks drawn from a seeded stream; batch norm on
 * batch statistics, updating its running statistics) or inference (batch norm on running statistics),
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

    /** Inference: dropout off, batch norm in evaluation mode, no hooks. */
    public static ForwardPass inference() {
        return new ForwardPass(false, 0);
    }

    /** Training: dropout on with masks determined by {@code dropoutSeed}; batch norm in training mode. */
    public static ForwardPass training(long dropoutSeed) {
        return new ForwardPass(true, dropoutSeed);
    }

    /** Whether dropout is active and batch norm uses (and updates) batch statistics. */
    public boolean training() {
        return training;
    }

    /** Called once per pass before the first dropout mask is drawn. */
    void seedDropout() {
        Engine.getInstance().setRandomSeed((int) (dropoutSeed ^ (dropoutSeed >>> 32)));
    }

    /** Sees (and may replace) the input {@code a} of dense or convolutional layer {@code layer}. Default: unchanged. */
    public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
        return a;
    }

    /**
     * Sees (and may replace) the output {@code z} of dense or convolutional layer {@code layer}, before
     * any batch norm or activation. Default: unchanged.
     */
    public NDArray preActivation(LayerSpec.Weighted layer, NDArray z) {
        return z;
    }

    /** Sees (and may replace) the input {@code z} of batch norm {@code norm}. Default: unchanged. */
    public NDArray normInput(LayerSpec.BatchNorm norm, NDArray z) {
        return z;
    }

    /** Sees (and may replace) the output {@code y} of batch norm {@code norm}, before any activation. Default: unchanged. */
    public NDArray normOutput(LayerSpec.BatchNorm norm, NDArray y) {
        return y;
    }

    /**
     * Sees (and may replace) the output {@code h} of residual stage {@code stage} (torchvision's {@code layer1},
     * {@code layer2}, ...: the activation after the stage's last block, where the next stage or the pooling
     * takes it; every path of the network below passes through it). Default: unchanged.
     */
    public NDArray stageOutput(String stage, NDArray h) {
        return h;
    }
}
