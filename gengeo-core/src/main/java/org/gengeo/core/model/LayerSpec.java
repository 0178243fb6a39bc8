package org.gengeo.core.model;

/** One layer of an {@link Architecture}, with its size fixed by the spec string. */
public sealed interface LayerSpec {
    /** Dense layer {@code fc{index}}: y = x W^T + b, W of shape [out, in]. */
    record Dense(int index, int in, int out) implements LayerSpec {}

    /**
     * Convolution {@code conv{index}}: weight [out, in, k, k], given stride and zero padding;
     * maps [in, h, w] to [out, (h + 2p - k) / s + 1, (w + 2p - k) / s + 1].
     */
    record Conv(int index, int in, int out, int kernel, int stride, int padding) implements LayerSpec {}

    /** Max pooling over k x k windows with stride k (floor). */
    record MaxPool(int kernel) implements LayerSpec {}

    /** Flattens [c, h, w] to c*h*w, row-major, as torch.flatten(x, 1). */
    record Flatten() implements LayerSpec {}

    /**
     * Batch normalisation {@code {layer}_bn} of the output of dense or convolutional layer
     * {@code layer}, before its activation, over {@code channels} features (PyTorch's BatchNorm1d
     * after a dense layer, BatchNorm2d after a convolution, where statistics also run over h and w);
     * see {@link BatchNorm}.
     */
    record BatchNorm(String layer, int channels) implements LayerSpec {
        /** The parameter and buffer prefix, {@code {layer}_bn}. */
        public String name() {
            return layer + "_bn";
        }
    }
}
