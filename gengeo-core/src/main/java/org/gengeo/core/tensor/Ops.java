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
        return conv2d(x, weight, bias, stride, padding, 1);
    }

    /** The same in {@code groups} groups: weight [out, c / groups, kh, kw] (torch.nn.functional.conv2d). */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding, int groups) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                        new Shape(1, 1), groups)
                .singletonOrThrow();
    }

    /**
     * The k x k patches of x [n, c, h, w] as columns (im2col, torch.nn.functional.unfold):
     * [n, c k k, L] with row c k^2 + k i + j holding input channel c at kernel offset (i, j), the
     * layout of a convolution weight reshaped to [out, c k k], and L = h' w' output positions. Computed
     * as a grouped convolution with one-hot kernels, so it is differentiable and runs in one native call.
     */
    public static NDArray unfold(NDArray x, int k, int stride, int padding) {
        long c = x.getShape().get(1);
        int kk = k * k;
        float[] eye = new float[kk * kk];
        for (int i = 0; i < kk; i++) {
            eye[i * kk + i] = 1;
        }
        NDArray oneHot = x.getManager().create(eye, new Shape(kk, 1, k, k)).toType(x.getDataType(), false).tile(new long[] {c, 1, 1, 1});
        NDArray cols = conv2d(x, oneHot, null, stride, padding, (int) c);
        return cols.reshape(x.getShape().get(0), c * kk, -1);
    }

    /**
     * The rows of {@code table} [N, d] at {@code indices} (int64 [n]), as a new [n, d] array
     * (torch.embedding, i.e. index_select along dimension 0: one native call).
     */
    public static NDArray rows(NDArray table, NDArray indices) {
        return table.getNDArrayInternal().embedding(indices, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Max pooling over k x k windows with stride s and zero padding p (floor mode, torch.nn.MaxPool2d). */
    public static NDArray maxPool2d(NDArray x, int k, int s, int p) {
        return x.getNDArrayInternal().maxPool(new Shape(k, k), new Shape(s, s), new Shape(p, p), false);
    }
}
