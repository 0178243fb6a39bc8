package org.gengeo.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * The fused neural-network operators gengeo uses, in PyTorch's conventions, reached through the
 * engine-neutral internal interface so that no model code names the PyTorch engine.
 */
public final class Ops {
    private Ops() {}

    /** y = x W^T + b, with W of shape [out, in] and b of shape [out] or null. */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /** 2-D cross-correlation of x [n, c, h, w] with weight [out, c, kh, kw], bias [out] or null. */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                        new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /**
     * The rows of {@code table} [N, d] at {@code indices} (int64 [n]), as a new [n, d] array
     * (torch.embedding, i.e. index_select along dimension 0: one native call).
     */
    public static NDArray rows(NDArray table, NDArray indices) {
        return table.getNDArrayInternal().embedding(indices, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Max pooling over k x k windows with stride k (floor mode). */
    public static NDArray maxPool2d(NDArray x, int k) {
        return x.getNDArrayInternal().maxPool(new Shape(k, k), new Shape(k, k), new Shape(0, 0), false);
    }
}
