package org.gengeo.core.tensor;

import ai.djl.ndarray.NDArray;

/**
 * Multiplying and dividing an array by a constant safely inside a recorded graph.
 *
 * <p>DJL's {@code Number} overloads ({@code x.mul(0.5)}, {@code x.div(c)}, also {@code pow},
 * {@code maximum}, {@code minimum}) wrap the constant in a 0-dimensional tensor whose memory is a
 * Java direct buffer, and close that tensor as soon as the call returns; closing drops the only Java
 * reference to the buffer. PyTorch's autograd, however, keeps the constant tensor for the backward
 * pass of mul, div, pow, maximum and minimum (d(x c)/dx = c needs c). If a garbage collection runs
 * between the forward and the backward pass, the buffer is freed and the backward pass reads freed
 * memory: gradients become garbage or NaN, at random moments (this made sweeps with dropout diverge
 * now and then). The constants made here live in engine-owned memory, which the graph keeps alive by
 * reference count, so they may be closed at once. The arithmetic is the same as the {@code Number}
 * overloads' (the constant is rounded to the array's type, as PyTorch does for a 0-dimensional
 * operand), so results are bit-identical to theirs. Use these wherever an array may carry a gradient.
 */
public final class ConstantOps {
    private ConstantOps() {}

    /** A 0-dimensional array holding {@code c} in {@code like}'s type and manager, in engine-owned memory. */
    public static NDArray constant(NDArray like, double c) {
        try (NDArray overJavaBuffer = like.getManager().create(c)) {
            return overJavaBuffer.getDataType() == like.getDataType()
                    ? overJavaBuffer.duplicate()                                // a clone owns new engine memory
                    : overJavaBuffer.toType(like.getDataType(), false);        // so does a conversion
        }
    }

    /** x * c. */
    public static NDArray times(NDArray x, double c) {
        try (NDArray k = constant(x, c)) {
            return x.mul(k);
        }
    }

    /** x / c. */
    public static NDArray dividedBy(NDArray x, double c) {
        try (NDArray k = constant(x, c)) {
            return x.div(k);
        }
    }
}
