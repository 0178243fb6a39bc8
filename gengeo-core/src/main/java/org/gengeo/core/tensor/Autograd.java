package org.gengeo.core.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reverse-mode differentiation of a scalar with respect to a list of leaf arrays, hiding the
 * engine's gradient-collector protocol. PyTorch accumulates into {@code .grad}; callers read the
 * gradients with {@link #gradients} and must call {@link #clear} before the next backward pass.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * Builds the scalar {@code objective} with recording on and back-propagates it into every leaf
     * that requires a gradient.
     *
     * @return the scalar, detached from nothing (still attached to the graph's scope)
     */
    public static NDArray backward(Supplier<NDArray> objective) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value = objective.get();
            collector.backward(value);
            return value;
        }
    }

    /** The accumulated gradients of {@code leaves}, in order (views of the engine's buffers). */
    public static List<NDArray> gradients(List<NDArray> leaves) {
        List<NDArray> grads = new ArrayList<>(leaves.size());
        for (NDArray leaf : leaves) {
            grads.add(leaf.getGradient());
        }
        return grads;
    }

    /** Zeroes the accumulated gradients of {@code leaves}. */
    public static void clear(List<NDArray> leaves) {
        for (NDArray leaf : leaves) {
            // zero_() in place: unlike g - g it also clears NaN and infinity after a divergence
            JniUtils.zeroGrad((PtNDArray) leaf);
        }
    }
}
