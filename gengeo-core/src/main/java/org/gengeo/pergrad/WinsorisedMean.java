package org.gengeo.pergrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.gengeo.core.tensor.Tensors;

/**
 * The winsorised mean of per-example gradients, coordinate by coordinate (Chatterjee and Zielinski
 * 2020): with v_1..v_m the m examples' values of one coordinate and v_(1) &le; ... &le; v_(m) their
 * order statistics, each v_i is clipped to [v_(k+1), v_(m-k)] and the clipped values are averaged.
 * Since 2k &lt; m the clipped sum is sum_i v_i - (v_(1) + ... + v_(k)) + k v_(k+1)
 * - (v_(m-k+1) + ... + v_(m)) + k v_(m-k), so each coordinate needs only its k+1 smallest and k+1
 * largest values. They are kept, for a block of coordinates at once, in k+1 sorted buffers per side
 * that each example's values pass through a branch-free compare-exchange chain (min stays, max moves
 * on): O(m k) min/max operations per coordinate, no sort, no data-dependent branch, and loops over
 * adjacent coordinates that the JIT compiles to SIMD. Dense weights are taken in factored form
 * (v_i = delta_i[o] a_i[j]) and never built as an m x out x in array. Coordinates are independent, so
 * the result does not depend on the number of threads. Accumulation is in float64; k = 0 gives the
 * plain mean.
 */
public final class WinsorisedMean {
    /** Coordinates per block: the buffers of one block stay in the first-level cache. */
    private static final int BLOCK = 256;

    private WinsorisedMean() {}

    /** The winsorised mean of {@code rows} at trim count k (0 &le; 2k &lt; m), shaped like the parameter {@code like}. */
    public static NDArray of(PerExampleRows rows, int k, NDArray like) {
        double[] mean = rows instanceof PerExampleRows.Outer o
                ? outer(Tensors.doubles(o.delta()), Tensors.doubles(o.input()), (int) o.delta().getShape().get(0), k)
                : explicit(Tensors.doubles(((PerExampleRows.Explicit) rows).rows()),
                        (int) ((PerExampleRows.Explicit) rows).rows().getShape().get(0), k);
        return like.getManager().create(mean, new Shape(like.getShape().getShape())).toType(like.getDataType(), false);
    }

    /** Coordinates (o, j) of delta [m, out] (x) input [m, in], row-major over (o, j). */
    static double[] outer(double[] delta, double[] input, int m, int k) {
        checkTrim(m, k);
        int out = delta.length / m;
        int in = input.length / m;
        double[] mean = new double[out * in];
        IntStream.range(0, out).parallel().forEach(o -> {
            Extremes ext = new Extremes(k, Math.min(in, BLOCK));
            for (int from = 0; from < in; from += BLOCK) {
                int width = Math.min(BLOCK, in - from);
                ext.reset(width);
                for (int b = 0; b < m; b++) {
                    ext.add(delta[b * out + o], input, b * in + from);
                }
                ext.means(m, mean, o * in + from);
            }
        });
        return mean;
    }

    /** Coordinates j of explicit rows [m, n]. */
    static double[] explicit(double[] rows, int m, int k) {
        checkTrim(m, k);
        int n = rows.length / m;
        double[] mean = new double[n];
        IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
            int from = block * BLOCK;
            Extremes ext = new Extremes(k, Math.min(n - from, BLOCK));
            for (int b = 0; b < m; b++) {
                ext.add(1.0, rows, b * n + from);
            }
            ext.means(m, mean, from);
        });
        return mean;
    }

    private static void checkTrim(int m, int k) {
        if (k < 0 || 2 * k >= m) {
            throw new IllegalArgumentException("trim count " + k + " needs 0 <= 2k < m = " + m);
        }
    }

    /**
     * For a block of adjacent coordinates: each one's running sum and its k+1 smallest (low[0] &le;
     * ... &le; low[k]) and k+1 largest (high[0] &ge; ... &ge; high[k]) values so far. A new value x
     * enters by compare-exchange down each side: low[i], x &larr; min(low[i], x), max(low[i], x), which
     * keeps the buffers sorted and holding the extremes (ties and the order of arrival do not matter:
     * min and max are exact). Every loop runs over the block's coordinates, so it vectorises.
     */
    private static final class Extremes {
        private final int k;
        private final double[][] low;
        private final double[][] high;
        private final double[] sum;
        private final double[] down;
        private final double[] up;
        private int width;

        Extremes(int k, int capacity) {
            this.k = k;
            this.low = new double[k + 1][capacity];
            this.high = new double[k + 1][capacity];
            this.sum = new double[capacity];
            this.down = new double[capacity];
            this.up = new double[capacity];
            reset(capacity);
        }

        /** Empties the buffers for a block of {@code width} coordinates. */
        void reset(int width) {
            this.width = width;
            for (int i = 0; i <= k; i++) {
                Arrays.fill(low[i], 0, width, Double.POSITIVE_INFINITY);
                Arrays.fill(high[i], 0, width, Double.NEGATIVE_INFINITY);
            }
            Arrays.fill(sum, 0, width, 0);
        }

        /** Adds one example's values scale * src[offset + j], j &lt; width (scale 1 leaves them exact). */
        void add(double scale, double[] src, int offset) {
            int w = width;
            for (int j = 0; j < w; j++) {
                double x = scale * src[offset + j];
                sum[j] += x;
                down[j] = x;
                up[j] = x;
            }
            for (int i = 0; i <= k; i++) {
                double[] l = low[i];
                double[] h = high[i];
                for (int j = 0; j < w; j++) {
                    double a = l[j];
                    double x = down[j];
                    l[j] = Math.min(a, x);
                    down[j] = Math.max(a, x);
                    double c = h[j];
                    double y = up[j];
                    h[j] = Math.max(c, y);
                    up[j] = Math.min(c, y);
                }
            }
        }

        /** Writes sum_i clip(v_i, v_(k+1), v_(m-k)) / m of each coordinate to out[at + j]. */
        void means(int m, double[] out, int at) {
            for (int j = 0; j < width; j++) {
                double clipped = sum[j];
                if (k > 0) {
                    double below = 0;
                    double above = 0;
                    for (int i = 0; i < k; i++) {
                        below += low[i][j];
                        above += high[i][j];
                    }
                    clipped = clipped - below + k * low[k][j] - above + k * high[k][j];
                }
                out[at + j] = clipped / m;
            }
        }
    }
}
