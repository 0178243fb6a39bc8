package org.gengeo.duality;

/**
 * The activity-weight duality of a dense layer z = W a (+ b) (Feng and Tu 2022, arXiv 2203.10736;
 * Feng, Zhang and Tu, Nat. Mach. Intell. 5, 2023): a change of the layer's input activity from a
 * (a training example x) to a' = a + da (a test example x') is matched exactly by a change dW of
 * the weights, (W + dW) a = W a', so every layer above sees the same pre-activation and
 * l(x', y; W) = l(x, y; W + dW) for any loss, provided x and x' carry the same label y.
 *
 * <p>The solutions of dW a = W da form an infinite family: dW = (W da) b^T / (b^T a) + N for any b
 * with b^T a != 0 and any N with N a = 0. The one of least Frobenius norm (Lagrange multipliers,
 * b = a, N = 0) is the rank-one
 * <pre>   dW* = (W da) a^T / |a|^2,   |dW*|_F = |W da| / |a|,</pre>
 * the dual weights this package uses. The bias is held fixed by default (the relation is exact
 * without changing it); the augmented form treats [W | b] as the weights of [a; 1] with
 * da = [da; 0], giving db* = (W da) / (|a|^2 + 1) and dW* = (W da) a^T / (|a|^2 + 1).
 */
public final class DualWeights {
    private DualWeights() {}

    /**
     * Writes the minimal-norm dual weights of one pair into {@code out} from {@code offset}, in
     * parameter-block order: dW row-major [m, d], then (augmented only) db [m].
     *
     * @param w         the layer's weight, row-major [m, d]
     * @param a         the training example's input activity [d]
     * @param aPrime    the test example's input activity [d]
     * @param augmented also change the bias (form [a; 1])
     * @return |dW*|^2 (including db); NaN when |a|^2 (plus 1 if augmented) is 0, out left untouched
     */
    public static double write(double[] w, int m, int d, double[] a, double[] aPrime, boolean augmented, double[] out, int offset) {
        double norm2 = augmented ? 1 : 0;
        for (int j = 0; j < d; j++) {
            norm2 += a[j] * a[j];
        }
        if (norm2 == 0) {
            return Double.NaN;
        }
        double u2 = 0;
        for (int i = 0; i < m; i++) {
            double u = 0;
            int row = i * d;
            for (int j = 0; j < d; j++) {
                u += w[row + j] * (aPrime[j] - a[j]);
            }
            double s = u / norm2;
            u2 += u * u;
            for (int j = 0; j < d; j++) {
                out[offset + row + j] = s * a[j];
            }
            if (augmented) {
                out[offset + m * d + i] = s;
            }
        }
        return u2 / norm2;
    }

    /** The minimal-norm dual weights of one pair as a new array (see {@link #write}). */
    public static double[] of(double[] w, int m, int d, double[] a, double[] aPrime, boolean augmented) {
        double[] out = new double[m * d + (augmented ? m : 0)];
        write(w, m, d, a, aPrime, augmented, out, 0);
        return out;
    }
}
