package org.gengeo.nngp;

import java.util.Locale;
import java.util.stream.IntStream;
import org.gengeo.core.GengeoException;

/**
 * The neural-network Gaussian process (NNGP) kernel of a fully connected network in the
 * infinite-width limit (Neal 1996; Lee et al. 2018, "Deep neural networks as Gaussian processes"),
 * for weights W ~ N(0, sigma_w^2 / fan_in) and biases b ~ N(0, sigma_b^2).
 *
 * <p>Input layer, for inputs x, x' of dimension d: K_0(x, x') = sigma_b^2 + sigma_w^2 x.x' / d.
 * Each of the {@code hiddenLayers} hidden layers then applies K_l = sigma_b^2 + sigma_w^2 E[phi(u) phi(v)],
 * (u, v) ~ N(0, K_{l-1}), which has a closed form for:
 * <ul>
 *   <li>ReLU, the arc-cosine kernel of degree 1 (Cho and Saul 2009):
 *   E = sqrt(K(x,x) K(x',x')) (sin t + (pi - t) cos t) / (2 pi), t = arccos(K(x,x') / sqrt(K(x,x) K(x',x')));</li>
 *   <li>erf (a stand-in for tanh with the same shape; Williams 1997):
 *   E = (2 / pi) arcsin(2 K(x,x') / sqrt((1 + 2 K(x,x)) (1 + 2 K(x',x')))).</li>
 * </ul>
 * The result is the covariance of the network's output, whose layer is linear.
 */
public record MlpKernel(Nonlinearity nonlinearity, double sigmaW2, double sigmaB2, int hiddenLayers) {
    /** The activations with a closed-form layer map. */
    public enum Nonlinearity {
        RELU, ERF;

        /** Parses "relu", or "erf" / "tanh" (the erf kernel serves for tanh). */
        public static Nonlinearity parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("relu")) {
                return RELU;
            }
            if (t.equals("erf") || t.equals("tanh")) {
                return ERF;
            }
            throw new GengeoException("unknown NNGP nonlinearity '" + text + "' (expected relu, erf or tanh)");
        }
    }

    /** Checks the variances and depth. */
    public MlpKernel {
        if (!(sigmaW2 > 0) || Double.isInfinite(sigmaW2)) {
            throw new GengeoException("NNGP weight variance sigma_w^2 must be a positive number, got " + sigmaW2);
        }
        if (!(sigmaB2 >= 0) || Double.isInfinite(sigmaB2)) {
            throw new GengeoException("NNGP bias variance sigma_b^2 must be a non-negative number, got " + sigmaB2);
        }
        if (hiddenLayers < 0) {
            throw new GengeoException("NNGP depth (hidden layers) must be >= 0, got " + hiddenLayers);
        }
    }

    /**
     * The n x n kernel matrix of the rows of {@code x} (row-major, n rows of {@code d} features).
     * Rows are computed in parallel.
     */
    public double[][] matrix(float[] x, int n, int d) {
        if ((long) n * d != x.length || n < 1 || d < 1) {
            throw new GengeoException("NNGP kernel: " + x.length + " values are not " + n + " inputs of dimension " + d);
        }
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                rows[i][t] = x[i * d + t];
            }
        }
        double[][] k = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j <= i; j++) {
                k[i][j] = sigmaB2 + sigmaW2 * dot(rows[i], rows[j]) / d;
            }
        });
        for (int l = 0; l < hiddenLayers; l++) {
            double[] diag = new double[n];
            for (int i = 0; i < n; i++) {
                diag[i] = k[i][i];
            }
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = 0; j <= i; j++) {
                    k[i][j] = sigmaB2 + sigmaW2 * expectation(k[i][j], diag[i], diag[j]);
                }
            });
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                k[j][i] = k[i][j];
            }
        }
        return k;
    }

    /** a.b with four partial sums (lets the JIT keep four multiply-adds in flight). */
    private static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < a.length; t += 4) {
            s0 += a[t] * b[t];
            s1 += a[t + 1] * b[t + 1];
            s2 += a[t + 2] * b[t + 2];
            s3 += a[t + 3] * b[t + 3];
        }
        for (; t < a.length; t++) {
            s0 += a[t] * b[t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** E[phi(u) phi(v)] for (u, v) centred normal with Var u = a, Var v = b, Cov = c. */
    double expectation(double c, double a, double b) {
        if (nonlinearity == Nonlinearity.RELU) {
            double norm = Math.sqrt(a * b);
            if (norm == 0) {
                return 0;
            }
            double cos = Math.max(-1, Math.min(1, c / norm));
            return norm * (Math.sqrt(1 - cos * cos) + (Math.PI - Math.acos(cos)) * cos) / (2 * Math.PI);
        }
        double s = 2 * c / Math.sqrt((1 + 2 * a) * (1 + 2 * b));
        return 2 / Math.PI * Math.asin(Math.max(-1, Math.min(1, s)));
    }
}
