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
     * The gradient of each example's loss with respect to the weight of a convolution z = W * x
     * (k x k kernel, stride s, zero padding p, no groups), given the layer's input x [n, c, h, w] and
     * the gradient d [n, out, h', w'] of the summed loss with respect to z: [n, out, c, k, k], with
     * g_i[o, c, u, v] = sum_{y, x} d_i[o, y, x] xpad_i[c, s y + u, s x + v]. That sum is itself a
     * convolution of the padded input with d_i as the kernel, dilated by s, so all n examples take one
     * native call: the input as [c, n, h, w] (channels as the batch, examples as channels), the kernel
     * d as [n out, 1, h', w'] in n groups (group i sees only example i), then the first k x k outputs.
     * This is the per-sample convolution gradient of Rochette et al. (2019, "Efficient per-example
     * gradient computations in convolutional neural networks"), and does the FLOPs of the layer's own
     * weight gradient without unfolding the input.
     */
    public static NDArray convWeightGradients(NDArray x, NDArray d, int k, int stride, int padding) {
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        long out = d.getShape().get(1);
        NDArray input = x.transpose(1, 0, 2, 3);
        NDArray kernel = d.reshape(n * out, 1, d.getShape().get(2), d.getShape().get(3));
        NDArray g = x.getNDArrayInternal()
                .convolution(input, kernel, null, new Shape(1, 1), new Shape(padding, padding), new Shape(stride, stride), (int) n)
                .singletonOrThrow();
        if (g.getShape().get(2) != k || g.getShape().get(3) != k) {
            g = g.get(":, :, :" + k + ", :" + k);
        }
        return g.reshape(c, n, out, k, k).transpose(1, 2, 0, 3, 4);
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
