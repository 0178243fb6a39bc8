package org.gengeo.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;

/**
 * The transformations later studies need, each a pure function of its input and a seed. Each
 * random choice draws from its own stream {@code Seeds.random(seed, purpose)}.
 */
public final class DataTransforms {
    private DataTransforms() {}

    /** A permutation of 0..n-1 from the stream (seed, purpose) (Fisher-Yates). */
    public static int[] permutation(int n, long seed, String purpose) {
        return permutation(n, Seeds.random(seed, purpose));
    }

    /**
     * The first min(m, n) entries of {@link #permutation(int, long, String)}: a seeded sample of m of
     * the indices 0..n-1 without replacement (all n, shuffled, when m &gt;= n).
     */
    public static int[] firstOfPermutation(int n, int m, long seed, String purpose) {
        return Arrays.copyOf(permutation(n, seed, purpose), Math.min(m, n));
    }

    /** A uniformly random permutation of 0..n-1 drawn from {@code rng} (Fisher-Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The examples of the given classes, relabelled 0..k-1 in the order given.
     *
     * @throws GengeoException if fewer than two classes are given, one is listed twice or does not exist
     */
    public static Dataset keepClasses(Dataset d, int[] classes) {
        if (classes.length < 2) {
            throw new GengeoException("--classes needs at least two classes, got " + Arrays.toString(classes));
        }
        int[] newLabel = new int[d.numClasses()];
        Arrays.fill(newLabel, -1);
        for (int k = 0; k < classes.length; k++) {
            if (classes[k] < 0 || classes[k] >= d.numClasses()) {
                throw new GengeoException("--classes: class " + classes[k] + " does not exist in '" + d.name() + "' (0.."
                        + (d.numClasses() - 1) + ")");
            }
            if (newLabel[classes[k]] >= 0) {
                throw new GengeoException("--classes: class " + classes[k] + " is listed twice");
            }
            newLabel[classes[k]] = k;
        }
        int[] keep = java.util.stream.IntStream.range(0, d.size()).filter(i -> newLabel[d.labels()[i]] >= 0).toArray();
        Dataset kept = d.select(keep);
        int[] y = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            y[i] = newLabel[kept.labels()[i]];
        }
        return kept.withLabels(y, classes.length);
    }

    /** Classes 0..4 become 0, classes 5..9 become 1 (for ten-class sets); two-class sets stay as they are. */
    public static Dataset binary(Dataset d) {
        if (d.numClasses() == 2) {
            return d;
        }
        if (d.numClasses() != 10) {
            throw new GengeoException("--binary maps classes 0-4 and 5-9, but '" + d.name() + "' has " + d.numClasses() + " classes");
        }
        int[] y = new int[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.labels()[i] < 5 ? 0 : 1;
        }
        return d.withLabels(y, 2);
    }

    /** A set with noisy labels and the sorted indices whose label was changed. */
    public record Noisy(Dataset data, int[] corrupted) {}

    /**
     * Replaces the labels of exactly round(fraction * n) examples, chosen uniformly, by a label drawn
     * uniformly from the other classes, so every chosen label really is wrong (the "corrupted" set
     * is exactly the set of wrong labels, which the pristine/corrupt studies need). Note that this
     * differs from the convention of drawing the new label from all classes, where about 1/k of the
     * "corrupted" labels stay correct. The indices are picked as the first round(fraction * n) of
     * the permutation of stream "label-noise-pick", the new labels from stream "label-noise-label".
     *
     * @throws GengeoException if {@code fraction} is outside [0, 1]
     */
    public static Noisy labelNoise(Dataset d, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new GengeoException("--label-noise must be in [0, 1], got " + fraction);
        }
        int count = (int) Math.round(fraction * d.size());
        int[] chosen = Arrays.copyOf(permutation(d.size(), seed, "label-noise-pick"), count);
        Arrays.sort(chosen);
        SplittableRandom rng = Seeds.random(seed, "label-noise-label");
        int[] y = d.labels().clone();
        for (int i : chosen) {
            y[i] = otherClass(y[i], d.numClasses(), rng);
        }
        return new Noisy(d.withLabels(y, d.numClasses()), chosen);
    }

    /** Every label replaced by a uniformly random class (which may equal the true one). */
    public static Dataset randomLabels(Dataset d, long seed) {
        SplittableRandom rng = Seeds.random(seed, "random-labels");
        int[] y = new int[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(d.numClasses());
        }
        return d.withLabels(y, d.numClasses());
    }

    /**
     * Appends the {@code spare} examples to {@code train} with flipped labels (binary: 1 - y;
     * otherwise a uniformly drawn other class). Returns the new set; the attack points occupy the
     * last {@code spare.size()} positions.
     */
    public static Dataset attack(Dataset train, Dataset spare, long seed) {
        SplittableRandom rng = Seeds.random(seed, "attack-label");
        int d = train.featureSize();
        int n = train.size();
        int m = spare.size();
        float[] x = Arrays.copyOf(train.features(), (n + m) * d);
        System.arraycopy(spare.features(), 0, x, n * d, m * d);
        int[] y = Arrays.copyOf(train.labels(), n + m);
        for (int i = 0; i < m; i++) {
            y[n + i] = otherClass(spare.labels()[i], train.numClasses(), rng);
        }
        return new Dataset(train.name(), train.sampleShape(), x, y, train.numClasses());
    }

    /** A class drawn uniformly from the {@code classes - 1} classes other than {@code y}. */
    private static int otherClass(int y, int classes, SplittableRandom rng) {
        if (classes < 2) {
            throw new GengeoException("flipping a label needs at least two classes, the data has " + classes);
        }
        int c = rng.nextInt(classes - 1);
        return c >= y ? c + 1 : c;
    }

    /** Mean and standard deviation used by {@link #standardize}. */
    public record Standardization(double mean, double std) {}

    /**
     * One global mean and (population) standard deviation over every feature value of {@code d}
     * together, not per feature; a standard deviation of 0 is reported as 1 so that standardising a
     * constant set leaves it finite.
     */
    public static Standardization statistics(Dataset d) {
        double sum = 0;
        double sq = 0;
        for (float v : d.features()) {
            sum += v;
            sq += (double) v * v;
        }
        int n = d.features().length;
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sq / n - mean * mean));
        return new Standardization(mean, std > 0 ? std : 1);
    }

    /** (x - mean) / std for every feature value. */
    public static Dataset standardize(Dataset d, Standardization s) {
        float[] x = new float[d.features().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((d.features()[i] - s.mean()) / s.std());
        }
        return new Dataset(d.name(), d.sampleShape(), x, d.labels(), d.numClasses());
    }
}
