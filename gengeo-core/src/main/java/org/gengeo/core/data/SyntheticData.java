package org.gengeo.core.data;

import java.util.SplittableRandom;
import org.gengeo.core.Seeds;

/**
 * Synthetic data sets for tests and quick experiments. The distribution (class means, teacher
 * weights) is fixed; the samples are drawn from streams of the run seed, so train and test sets
 * are independent draws from one distribution.
 * <ul>
 *   <li>{@code gaussians}: 10 classes in 20 dimensions, x = mu_y + N(0, I), class means mu_c ~ N(0, I);</li>
 *   <li>{@code teacher}: x ~ N(0, I_20), y = argmax of a random tanh network 20-32-10 (weights N(0, 1/fan_in));</li>
 *   <li>{@code spirals}: two interleaved spirals in 2-D, r = t, angle = 3 pi t + pi y, t ~ U(0.05, 1), noise N(0, 0.02^2).</li>
 * </ul>
 */
final class SyntheticData {
    static final int DIM = 20;
    static final int CLASSES = 10;
    static final int HIDDEN = 32;
    private static final long DISTRIBUTION_SEED = 20251123L;

    private SyntheticData() {}

    /** True if {@code name} is a synthetic kind. */
    static boolean has(String name) {
        return name.equals("gaussians") || name.equals("teacher") || name.equals("spirals");
    }

    /**
     * {@code n} examples of the kind, drawn from the stream {@code Seeds.random(seed, "synthetic-" + kind,
     * part.hashCode())}, where part is {@code "train"}, {@code "test"} or {@code "spare"} (the attack
     * pool). The examples are drawn one after another, so the first m of n equal a draw of m.
     */
    static Dataset generate(String kind, int n, long seed, String part) {
        SplittableRandom rng = Seeds.random(seed, "synthetic-" + kind, part.hashCode());
        switch (kind) {
            case "gaussians": return gaussians(n, rng);
            case "teacher": return teacher(n, rng);
            default: return spirals(n, rng);
        }
    }

    private static Dataset gaussians(int n, SplittableRandom rng) {
        SplittableRandom dist = Seeds.random(DISTRIBUTION_SEED, "gaussians");
        double[] means = new double[CLASSES * DIM];
        for (int i = 0; i < means.length; i++) {
            means[i] = dist.nextGaussian();
        }
        float[] x = new float[n * DIM];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(CLASSES);
            for (int d = 0; d < DIM; d++) {
                x[i * DIM + d] = (float) (means[y[i] * DIM + d] + rng.nextGaussian());
            }
        }
        return new Dataset("gaussians", new int[] {DIM}, x, y, CLASSES);
    }

    private static Dataset teacher(int n, SplittableRandom rng) {
        SplittableRandom dist = Seeds.random(DISTRIBUTION_SEED, "teacher");
        double[] w1 = new double[HIDDEN * DIM];
        double[] w2 = new double[CLASSES * HIDDEN];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = dist.nextGaussian() / Math.sqrt(DIM);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = dist.nextGaussian() / Math.sqrt(HIDDEN);
        }
        float[] x = new float[n * DIM];
        int[] y = new int[n];
        double[] h = new double[HIDDEN];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < DIM; d++) {
                x[i * DIM + d] = (float) rng.nextGaussian();
            }
            for (int j = 0; j < HIDDEN; j++) {
                double z = 0;
                for (int d = 0; d < DIM; d++) {
                    z += w1[j * DIM + d] * x[i * DIM + d];
                }
                h[j] = Math.tanh(z);
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                double z = 0;
                for (int j = 0; j < HIDDEN; j++) {
                    z += w2[c * HIDDEN + j] * h[j];
                }
                if (z > best) {
                    best = z;
                    y[i] = c;
                }
            }
        }
        return new Dataset("teacher", new int[] {DIM}, x, y, CLASSES);
    }

    private static Dataset spirals(int n, SplittableRandom rng) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
            double t = 0.05 + 0.95 * rng.nextDouble();
            double angle = 3 * Math.PI * t + Math.PI * y[i];
            x[2 * i] = (float) (t * Math.cos(angle) + 0.02 * rng.nextGaussian());
            x[2 * i + 1] = (float) (t * Math.sin(angle) + 0.02 * rng.nextGaussian());
        }
        return new Dataset("spirals", new int[] {2}, x, y, 2);
    }
}
