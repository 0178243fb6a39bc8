package org.gengeo.core.tensor;

import ai.djl.ndarray.NDArray;

/** A minibatch: inputs [n, features] in the model's precision and integer labels [n] (int64). */
public record Batch(NDArray x, NDArray y) {
    /** Number of examples. */
    public long size() {
        return y.getShape().get(0);
    }
}
