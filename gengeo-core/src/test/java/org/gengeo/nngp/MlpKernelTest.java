package org.gengeo.nngp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

class MlpKernelTest {
    private static final int D = 5;
    private static final float[] X = {
        0.3f, -1.2f, 0.8f, 0.0f, 0.5f,
        1.1f, 0.4f, -0.3f, 0.9f, -0.7f,
        0.3f, -1.0f, 0.9f, 0.1f, 0.4f,
    };

    /**
     * The analytic kernel against random networks of width 1000: for one network, the output
     * covariance over its last layer's weights and bias is exactly sigma_b^2 + sigma_w^2 / N
     * sum_units phi(h(x)) phi(h(x')); averaged over 60 networks it estimates the NNGP kernel, whose
     * standard error is measured from the spread. Agreement within 4 standard errors (plus the
     * 1/width bias, far smaller here).
     */
    @Test
    void reluAndErfKernelsMatchWideRandomNetworks() {
        for (MlpKernel kernel : new MlpKernel[] {
            new MlpKernel(MlpKernel.Nonlinearity.RELU, 2.0, 1.0, 2),
            new MlpKernel(MlpKernel.Nonlinearity.RELU, 1.5, 0.0, 3),
            new MlpKernel(MlpKernel.Nonlinearity.ERF, 3.0, 0.5, 2)}) {
            double[][] analytic = kernel.matrix(X, 3, D);
            int nets = 60;
            double[][] sum = new double[3][3];
            double[][] sumSq = new double[3][3];
            SplittableRandom rng = new SplittableRandom(5);
            for (int s = 0; s < nets; s++) {
                double[][] e = wideNetworkKernel(kernel, 1000, rng);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        sum[i][j] += e[i][j];
                        sumSq[i][j] += e[i][j] * e[i][j];
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double mean = sum[i][j] / nets;
                    double se = Math.sqrt((sumSq[i][j] / nets - mean * mean) / (nets - 1));
                    assertEquals(analytic[i][j], mean, 4 * se + 1e-3 * Math.abs(analytic[i][j]),
                            kernel + " entry " + i + "," + j);
                }
            }
        }
    }

    /** sigma_b^2 + sigma_w^2 / N sum phi(h) phi(h') at the last hidden layer of one random network. */
    private static double[][] wideNetworkKernel(MlpKernel kernel, int width, SplittableRandom rng) {
        double[][] h = new double[3][];
        for (int i = 0; i < 3; i++) {
            h[i] = new double[D];
            for (int t = 0; t < D; t++) {
                h[i][t] = X[i * D + t];
            }
        }
        for (int layer = 0; layer < kernel.hiddenLayers(); layer++) {
            int in = h[0].length;
            double[][] next = new double[3][width];
            for (int u = 0; u < width; u++) {
                double b = rng.nextGaussian() * Math.sqrt(kernel.sigmaB2());
                double[] w = new double[in];
                for (int t = 0; t < in; t++) {
                    w[t] = rng.nextGaussian() * Math.sqrt(kernel.sigmaW2() / in);
                }
                for (int i = 0; i < 3; i++) {
                    double z = b;
                    for (int t = 0; t < in; t++) {
                        z += w[t] * (layer == 0 ? h[i][t] : phi(kernel, h[i][t]));
                    }
                    next[i][u] = z;
                }
            }
            h = next;
        }
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double acc = 0;
                for (int u = 0; u < width; u++) {
                    acc += phi(kernel, h[i][u]) * phi(kernel, h[j][u]);
                }
                out[i][j] = kernel.sigmaB2() + kernel.sigmaW2() * acc / width;
            }
        }
        return out;
    }

    private static double phi(MlpKernel k, double z) {
        return k.nonlinearity() == MlpKernel.Nonlinearity.RELU ? Math.max(0, z) : Gaussian.erf(z);
    }

    @Test
    void zeroHiddenLayersIsTheLinearKernel() {
        double[][] k = new MlpKernel(MlpKernel.Nonlinearity.RELU, 2, 0.5, 0).matrix(X, 3, D);
        double dot = 0;
        for (int t = 0; t < D; t++) {
            dot += (double) X[t] * X[D + t];
        }
        assertEquals(0.5 + 2 * dot / D, k[0][1], 1e-12);
        assertEquals(k[0][1], k[1][0], 0);
    }

    @Test
    void badParametersAreUserErrors() {
        assertThrows(GengeoException.class, () -> new MlpKernel(MlpKernel.Nonlinearity.RELU, 0, 1, 2));
        assertThrows(GengeoException.class, () -> new MlpKernel(MlpKernel.Nonlinearity.RELU, 2, -1, 2));
        assertThrows(GengeoException.class, () -> MlpKernel.Nonlinearity.parse("sigmoid"));
        assertThrows(GengeoException.class, () -> new MlpKernel(MlpKernel.Nonlinearity.RELU, 2, 1, 1).matrix(X, 4, D));
    }
}
