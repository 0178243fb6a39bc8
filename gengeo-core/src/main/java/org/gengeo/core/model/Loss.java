package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The data loss every measure refers to (never including a weight-decay term), in PyTorch's
 * conventions so values can be compared with {@code torch.nn.functional}.
 */
public enum Loss {
    /** Mean over examples of -log softmax(f)_y (F.cross_entropy, reduction mean), for 2+ outputs. */
    CROSS_ENTROPY,
    /**
     * Mean over examples of log(1 + e^f) - y f (F.binary_cross_entropy_with_logits), for one
     * output, computed stably as max(f, 0) - y f + log(1 + e^-|f|).
     */
    BINARY_CROSS_ENTROPY;

    /** The loss for a model with {@code outputs} logits. */
    public static Loss forOutputs(int outputs) {
        return outputs == 1 ? BINARY_CROSS_ENTROPY : CROSS_ENTROPY;
    }

    /** Per-example losses for logits [n, k] and integer labels [n] (int64). */
    public NDArray perExample(NDArray logits, NDArray labels) {
        long n = logits.getShape().get(0);
        if (this == CROSS_ENTROPY) {
            return logProbabilityOfLabel(logits, labels).reshape(n).neg();
        }
        NDArray f = logits.reshape(n);
        NDArray y = labels.toType(f.getDataType(), false);
        return f.getNDArrayInternal().relu().sub(f.mul(y)).add(f.abs().neg().exp().add(1).log());
    }

    /** The mean loss over the batch. */
    public NDArray mean(NDArray logits, NDArray labels) {
        if (this == CROSS_ENTROPY) {
            // -(mean of log p_y) is the mean of -log p_y to the bit (negation is exact and rounding symmetric),
            // with one native call fewer than the per-example form
            return logProbabilityOfLabel(logits, labels).mean().neg();
        }
        return perExample(logits, labels).mean();
    }

    /** log softmax(f)_y of each example, as [n, 1]. */
    private static NDArray logProbabilityOfLabel(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.reshape(logits.getShape().get(0), 1), 1);
    }

    /** 1 where the prediction (arg max, or f > 0 for one output) equals the label, else 0 (int64). */
    public NDArray correct(NDArray logits, NDArray labels) {
        long n = logits.getShape().get(0);
        NDArray predicted = this == CROSS_ENTROPY
                ? logits.argMax(1)
                : logits.reshape(n).gt(0).toType(DataType.INT64, false);
        return predicted.toType(DataType.INT64, false).eq(labels).toType(DataType.INT64, false);
    }
}
