package org.gengeo.duality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.tensor.Ops;
import org.gengeo.core.tensor.TensorEngine;

/**
 * Exact Euclidean nearest neighbours of the same class: for every query (test example) the k
 * reference (training) examples with its label that are closest to it, as the duality pairing
 * needs (Feng and Tu pair each test example with its nearest same-class training example in input
 * space). Squared distances come from blocked float64 matrix products on the tensor engine,
 * |x - y|^2 = |x|^2 + |y|^2 - 2 x.y, one class at a time and in blocks of queries that keep each
 * distance block below {@value #BLOCK_ENTRIES} entries; ties go to the lower index. The reported
 * distances are recomputed directly as |x - y| for the chosen pairs.
 */
public final class SameClassNeighbours {
    /** Largest distance block (queries x references of a class) formed at once. */
    public static final int BLOCK_ENTRIES = 1 << 23;

    private SameClassNeighbours() {}

    /**
     * The k nearest same-class references of each query.
     *
     * @param queries   query features, row-major [nq, dim]
     * @param refs      reference features, row-major [nr, dim]
     * @return pairs ordered by query, then by distance
     */
    public static Pairs nearest(float[] queries, int[] queryLabels, float[] refs, int[] refLabels, int dim, int k) {
        try (NDManager m = TensorEngine.newManager()) {
            return nearest(m.create(queries, new Shape(queryLabels.length, dim)).toType(DataType.FLOAT64, false), queryLabels,
                    m.create(refs, new Shape(refLabels.length, dim)).toType(DataType.FLOAT64, false), refLabels, k);
        }
    }

    /** As {@link #nearest(float[], int[], float[], int[], int, int)} for float64 features (e.g. hidden activities). */
    public static Pairs nearest(double[] queries, int[] queryLabels, double[] refs, int[] refLabels, int dim, int k) {
        try (NDManager m = TensorEngine.newManager()) {
            return nearest(m.create(queries, new Shape(queryLabels.length, dim)), queryLabels,
                    m.create(refs, new Shape(refLabels.length, dim)), refLabels, k);
        }
    }

    private static Pairs nearest(NDArray queries, int[] queryLabels, NDArray refs, int[] refLabels, int k) {
        if (k < 1) {
            throw new GengeoException("the number of neighbours must be at least 1, got " + k);
        }
        int nq = queryLabels.length;
        int[] test = new int[nq * k];
        int[] train = new int[nq * k];
        double[] distance = new double[nq * k];
        int classes = Math.max(max(queryLabels), max(refLabels)) + 1;
        NDManager m = queries.getManager();
        for (int c = 0; c < classes; c++) {
            int[] qi = indicesOf(queryLabels, c);
            if (qi.length == 0) {
                continue;
            }
            int[] ri = indicesOf(refLabels, c);
            if (ri.length < k) {
                throw new GengeoException("class " + c + " has " + ri.length + " training examples, fewer than the " + k
                        + " neighbours asked for");
            }
            try (NDScope classScope = new NDScope()) {
                NDArray r = Ops.rows(refs, m.create(toLong(ri)));
                NDArray rn = r.mul(r).sum(new int[] {1}).reshape(1, ri.length);
                int block = Math.max(1, Math.min(qi.length, BLOCK_ENTRIES / ri.length));
                for (int from = 0; from < qi.length; from += block) {
                    int to = Math.min(qi.length, from + block);
                    try (NDScope blockScope = new NDScope()) {
                        NDArray q = Ops.rows(queries, m.create(toLong(Arrays.copyOfRange(qi, from, to))));
                        NDArray qn = q.mul(q).sum(new int[] {1}).reshape(to - from, 1);
                        NDArray d2 = qn.add(rn).sub(q.matMul(r.transpose()).mul(2));
                        long[] order = k == 1 ? d2.argMin(1).toLongArray() : d2.argSort(1).get(":, :" + k).toLongArray();
                        for (int i = from; i < to; i++) {
                            for (int j = 0; j < k; j++) {
                                int p = qi[i] * k + j;
                                test[p] = qi[i];
                                train[p] = ri[(int) order[(i - from) * k + j]];
                            }
                        }
                    }
                }
            }
        }
        NDArray diff = Ops.rows(queries, m.create(toLong(test))).sub(Ops.rows(refs, m.create(toLong(train))));
        double[] d2 = diff.mul(diff).sum(new int[] {1}).toDoubleArray();
        for (int p = 0; p < d2.length; p++) {
            distance[p] = Math.sqrt(d2[p]);
        }
        return new Pairs(test, train, distance);
    }

    /** Every (query, reference) pair of the same class, ordered by query then reference; distances not computed (NaN). */
    public static Pairs allSameClass(int[] queryLabels, int[] refLabels) {
        List<int[]> byClass = new ArrayList<>();
        int classes = Math.max(max(queryLabels), max(refLabels)) + 1;
        for (int c = 0; c < classes; c++) {
            byClass.add(indicesOf(refLabels, c));
        }
        long n = 0;
        for (int y : queryLabels) {
            n += byClass.get(y).length;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new GengeoException("all same-class pairs would be " + n + " pairs, too many to hold");
        }
        int[] test = new int[(int) n];
        int[] train = new int[(int) n];
        int p = 0;
        for (int q = 0; q < queryLabels.length; q++) {
            for (int r : byClass.get(queryLabels[q])) {
                test[p] = q;
                train[p++] = r;
            }
        }
        double[] distance = new double[p];
        Arrays.fill(distance, Double.NaN);
        return new Pairs(test, train, distance);
    }

    /**
     * The nearest same-class reference of each query by a plain double loop over pairs (float64
     * sums): the reference the blocked search is tested and benchmarked against.
     */
    public static Pairs bruteForce(float[] queries, int[] queryLabels, float[] refs, int[] refLabels, int dim) {
        int nq = queryLabels.length;
        int[] train = new int[nq];
        double[] distance = new double[nq];
        for (int q = 0; q < nq; q++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int r = 0; r < refLabels.length; r++) {
                if (refLabels[r] != queryLabels[q]) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    double e = (double) queries[q * dim + j] - refs[r * dim + j];
                    s += e * e;
                }
                if (s < best) {
                    best = s;
                    arg = r;
                }
            }
            if (arg < 0) {
                throw new GengeoException("class " + queryLabels[q] + " has no training examples");
            }
            train[q] = arg;
            distance[q] = Math.sqrt(best);
        }
        int[] test = new int[nq];
        Arrays.setAll(test, i -> i);
        return new Pairs(test, train, distance);
    }

    private static int[] indicesOf(int[] labels, int c) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static int max(int[] v) {
        int m = -1;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
