package org.gengeo.core.data;

/** The pixel convention of every image reader: unsigned bytes divided by 255, as torchvision's ToTensor. */
final class Pixels {
    private Pixels() {}

    static float[] scale(byte[] pixels) {
        float[] f = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            f[i] = (pixels[i] & 0xff) / 255f;
        }
        return f;
    }
}
