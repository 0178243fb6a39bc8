package org.gengeo.core.data;

import java.util.SplittableRandom;

/** Small random data sets for numerical tests: standard Gaussian features, uniform labels. */
public final class RandomData {
    private RandomData() {}

    /** {@code n} examples of {@code d} features and labels in [0, classes), from {@code seed}. */
    public static Dataset gaussian(int n, int d, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return new Dataset("random", new int[] {d}, x, y, classes);
    }
}
