package org.gengeo.nngp;

import java.util.stream.IntStream;

/**
 * A symmetric n x n matrix A under a stream of rank-one downdates A -= c s s^T, applied in blocks:
 * the last few (s, c) pairs are held back, a column of the current matrix is formed on request as
 * A[:, i] - sum_k c_k s_k s_k[i] (O(n) per pending pair), and {@link #flush} applies the block in
 * one pass over A, rows in parallel. Same result as immediate updates; one sweep over A per block
 * instead of one per downdate.
 */
final class DelayedCovariance {
    private final double[][] a;
    private final double[][] pending;
    private final double[] coefficients;
    private int count;

    /** Starts from a copy of {@code initial}; holds back up to {@code block} downdates. */
    DelayedCovariance(double[][] initial, int block) {
        a = Labels.copy(initial);
        pending = new double[block][];
        coefficients = new double[block];
    }

    /** A fresh array with column {@code i} of the current matrix. */
    double[] column(int i) {
        double[] s = a[i].clone();
        for (int k = 0; k < count; k++) {
            double f = coefficients[k] * pending[k][i];
            double[] u = pending[k];
            for (int j = 0; j < s.length; j++) {
                s[j] -= f * u[j];
            }
        }
        return s;
    }

    /** A -= c s s^T; {@code s} is kept, not copied (pass a column from {@link #column}). */
    void downdate(double[] s, double c) {
        if (c == 0) {
            return;
        }
        pending[count] = s;
        coefficients[count] = c;
        count++;
        if (count == pending.length) {
            flush();
        }
    }

    /** Applies every pending downdate to A. */
    void flush() {
        int p = count;
        int n = a.length;
        IntStream.range(0, n).parallel().forEach(r -> {
            double[] row = a[r];
            for (int k = 0; k < p; k++) {
                double f = coefficients[k] * pending[k][r];
                double[] u = pending[k];
                for (int j = 0; j < n; j++) {
                    row[j] -= f * u[j];
                }
            }
        });
        count = 0;
    }

    /** The current diagonal (flushes first). */
    double[] diagonal() {
        flush();
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i][i];
        }
        return d;
    }
}
