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
 * Reverse-mode differentiation of a scalar with respect to leaf arrays, hiding the engine's
 * gradient-collector protocol. PyTorch accumulates into {@code .grad}; callers read the gradients
 * with {@link #gradients} and call {@link #clear} before the next backward pass.
 *
 * <p>Second derivatives (Hessian-vector products) use the double-backward recipe: inside
 * {@link #recording}, {@code backward(loss, true)} leaves gradients that are themselves part of the
 * graph; a second {@code backward} of {@code sum(g * v)} then adds H v to them. With a gradient
 * already present PyTorch accumulates into it (in place when no graph is built), so a gradient read
 * may be updated in place: copy it before the second pass, then H v is the difference.
 */
public final class Autograd {
    private Autograd() {}

    /** Runs {@code body} with graph recording on (the engine's gradient collector open). */
    public static <T> T recording(Supplier<T> body) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            return body.get();
        }
    }

    /**
     * Back-propagates the scalar {@code value} into every leaf that requires a gradient. With
     * {@code createGraph} the gradients are recorded too (for a second derivative) and the graph is
     * kept. Must run inside {@link #recording}.
     */
    public static void backward(NDArray value, boolean createGraph) {
        NDArray ones = value.getManager().ones(value.getShape(), value.getDataType());
        JniUtils.backward((PtNDArray) value, (PtNDArray) ones, createGraph, createGraph);
    }

    /**
     * Builds the scalar {@code objective} with recording on and back-propagates it.
     *
     * @return the scalar
     */
    public static NDArray backward(Supplier<NDArray> objective) {
        return recording(() -> {
            NDArray value = objective.get();
            backward(value, false);
            return value;
        });
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

    /** Turns gradient tracking of {@code leaf} on or off (frozen parameters cost no backward work). */
    public static void track(NDArray leaf, boolean on) {
        leaf.setRequiresGradient(on);
    }
}
