package org.gengeo.bench;

import java.util.Arrays;

/** Wall-time medians for the benchmarks: warm-up runs first, then the median of timed runs. */
final class MedianTime {
    private MedianTime() {}

    /** Median wall time in ms of {@code repeats} runs of {@code r} after {@code warmups} untimed runs. */
    static double millis(int warmups, int repeats, Runnable r) {
        for (int i = 0; i < warmups; i++) {
            r.run();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
