package org.gengeo.core.model;

import org.gengeo.core.GengeoException;

/**
 * The [C, H, W] shape of a feature map while a named architecture is built, so that an input too
 * small for the network (a spatial size that reaches zero) is an error at parse time, naming the layer.
 */
final class FeatureMap {
    private final String spec;
    int channels;
    int height;
    int width;

    FeatureMap(String spec, int[] input) {
        this.spec = spec;
        this.channels = input[0];
        this.height = input[1];
        this.width = input[2];
    }

    /** Applies a k x k window with stride s and padding p (convolution or pooling, floor mode). */
    void window(String layer, int k, int s, int p) {
        int h = Math.floorDiv(height + 2 * p - k, s) + 1;
        int w = Math.floorDiv(width + 2 * p - k, s) + 1;
        if (h < 1 || w < 1) {
            throw new GengeoException("model spec '" + spec + "': the " + height + "x" + width + " feature map is too small for "
                    + layer + " (" + k + "x" + k + " window, stride " + s + "); use a larger input (in=CxHxW)");
        }
        height = h;
        width = w;
    }
}
