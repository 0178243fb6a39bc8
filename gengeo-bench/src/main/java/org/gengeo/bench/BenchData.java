package org.gengeo.bench;

import java.util.SplittableRandom;
import org.gengeo.core.data.Dataset;

/** The benchmarks' synthetic data: uniform pixels in [0, 1), then uniform labels, drawn in that order from one stream. */
final class BenchData {
    private BenchData() {}

    /** {@code n} examples of shape {@code shape} with labels in [0, classes), from {@code rng}. */
    static Dataset random(int[] shape, int classes, int n, SplittableRandom rng) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] x = new float[n * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return new Dataset("bench", shape, x, y, classes);
    }
}
