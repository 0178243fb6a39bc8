package org.gengeo.pergrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.stream.IntStream;
import org.gengeo.core.tensor.Tensors;

/**
 * The winsorised mean of per-example gradients, coordinate by coordinate (Chatterjee and Zielinski
 * 2020): with v_1..v_m the m examples' values of one coordinate and v_(1) &le; ... &le; v_(m) their
 * order statistics, each v_i is clipped to [v_(k+1), v_(m-k)] and the clipped values are averaged.
 * Since 2k &lt; m the clipped sum is sum_i v_i - (v_(1) + ... + v_(k)) + k v_(k+1)
 * - (v_(m-k+1) + ... + v_(m)) + k v_(m-k), so each coordinate needs only its k+1 smallest and k+1
 * largest values, found by one pass with two insertion buffers: O(m) when values rarely enter them,
 * O(m k) at worst, never a sort. Dense weights are taken in factored form (v_i = delta_i[o] a_i[j])
 * and never built as an m x out x in array. Coordinates are independent, so the result does not
 * depend on the number of threads. Accumulation is in float64; k = 0 gives the plain mean.
 */
public final class WinsorisedMean {
    private static final int BLOCK = 64;

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
        double[] inputByColumn = transpose(input, m, in);
        double[] mean = new double[out * in];
        IntStream.range(0, out).parallel().forEach(o -> {
            Selection sel = new Selection(k);
            double[] d = new double[m];
            double[] v = new double[m];
            for (int b = 0; b < m; b++) {
                d[b] = delta[b * out + o];
            }
            for (int j = 0; j < in; j++) {
                int base = j * m;
                for (int b = 0; b < m; b++) {
                    v[b] = d[b] * inputByColumn[base + b];
                }
                mean[o * in + j] = sel.clippedSum(v) / m;
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
            Selection sel = new Selection(k);
            double[] v = new double[m];
            for (int j = block * BLOCK; j < Math.min(n, (block + 1) * BLOCK); j++) {
                for (int b = 0; b < m; b++) {
                    v[b] = rows[b * n + j];
                }
                mean[j] = sel.clippedSum(v) / m;
            }
        });
        return mean;
    }

    private static void checkTrim(int m, int k) {
        if (k < 0 || 2 * k >= m) {
            throw new IllegalArgumentException("trim count " + k + " needs 0 <= 2k < m = " + m);
        }
    }

    private static double[] transpose(double[] x, int rows, int cols) {
        double[] t = new double[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    /** Buffers of the k+1 smallest (ascending) and k+1 largest (descending) values of one coordinate. */
    private static final class Selection {
        private final int k;
        private final double[] low;
        private final double[] high;

        Selection(int k) {
            this.k = k;
            this.low = new double[k + 1];
            this.high = new double[k + 1];
        }

        /** sum_i clip(v_i, v_(k+1), v_(m-k)). */
        double clippedSum(double[] v) {
            double sum = 0;
            int m = v.length;
            for (int i = 0; i <= k; i++) {
                double x = v[i];
                sum += x;
                insertAscending(low, i, x);
                insertDescending(high, i, x);
            }
            double lowest = low[k];
            double highest = high[k];
            for (int i = k + 1; i < m; i++) {
                double x = v[i];
                sum += x;
                if (x < lowest) {
                    insertAscending(low, k, x);
                    lowest = low[k];
                }
                if (x > highest) {
                    insertDescending(high, k, x);
                    highest = high[k];
                }
            }
            if (k == 0) {
                return sum;
            }
            double below = 0;
            double above = 0;
            for (int i = 0; i < k; i++) {
                below += low[i];
                above += high[i];
            }
            return sum - below + k * lowest - above + k * highest;
        }

        /** Inserts x into the ascending prefix buf[0..n), keeping at most k+1 entries. */
        private void insertAscending(double[] buf, int n, double x) {
            int i = Math.min(n, k);
            while (i > 0 && buf[i - 1] > x) {
                buf[i] = buf[i - 1];
                i--;
            }
            buf[i] = x;
        }

        private void insertDescending(double[] buf, int n, double x) {
            int i = Math.min(n, k);
            while (i > 0 && buf[i - 1] < x) {
                buf[i] = buf[i - 1];
                i--;
            }
            buf[i] = x;
        }
    }
}
