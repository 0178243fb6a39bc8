package org.gengeo.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;

/**
 * log P(f) of a network's function checked end to end against an independent computation: the
 * probit marginal likelihood P(y) = E_g[prod Phi(y_i g_i)], g ~ N(0, K), is the orthant probability
 * P(y_i u_i > 0 for all i) with u ~ N(0, K + I) (write Phi(y g) = P(y (g + e) > 0), e ~ N(0, 1)),
 * estimated here by counting sign patterns of samples of u. The kernel K is the one-hidden-layer
 * ReLU NNGP kernel written out in the test from Zhang et al. 2021's recursion. The label vector must
 * be the true labels on S followed by the network's predicted labels on the first E points (class 1
 * as +1); P(y) = P(-y) for a zero-mean prior, so only the relative signs are observable.
 */
class PriorVolumeTest {
    private static final double SIGMA_W2 = 2;
    private static final double SIGMA_B2 = 1;

    @Test
    void logPriorOfTrainLabelsAndPredictedTestLabelsMatchesTheOrthantProbability() {
        TensorEngine.ensureStarted();
        float[][] points = {{1.0f, 0.2f}, {-0.8f, 0.9f}, {0.3f, -1.1f}, {-1.2f, -0.5f}, {0.9f, 1.0f}, {-0.2f, 0.4f}, {2f, -2f}};
        int trainPoints = 3;
        int testPoints = 3; // the test set has 4 points; only the first 3 enter f
        try (Network net = AlphaScalingTest.relu("mlp:2-16-1", 5)) {
            int[] predicted = predictions(net, points);
            // a model that fits S (as after training to 100% training accuracy) and errs on E's first two points
            int[] trainLabels = Arrays.copyOf(predicted, trainPoints);
            int[] testLabels = new int[points.length - trainPoints];
            for (int i = 0; i < testLabels.length; i++) {
                testLabels[i] = i < 2 ? 1 - predicted[trainPoints + i] : predicted[trainPoints + i];
            }
            Dataset s = dataset(Arrays.copyOfRange(points, 0, trainPoints), trainLabels);
            Dataset e = dataset(Arrays.copyOfRange(points, trainPoints, points.length), testLabels);
            VolumeOptions o = new VolumeOptions("analytic", SIGMA_W2, SIGMA_B2, testPoints, 1000, 0, 1e-10, 200, false);
            VolumeResult r = PriorVolume.run(net, Init.parse("he"), s, e, o, "test", Provenance.current("test"));

            double[][] k = reluKernel(Arrays.copyOf(points, trainPoints + testPoints));
            int[] f = new int[trainPoints + testPoints];
            int[] withTrueTestLabels = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = predicted[i] == 1 ? 1 : -1;
                int truth = i < trainPoints ? trainLabels[i] : testLabels[i - trainPoints];
                withTrueTestLabels[i] = truth == 1 ? 1 : -1;
            }
            SplittableRandom rng = new SplittableRandom(3);
            double[] mc = orthant(k, f, 2_000_000, rng);
            double[] wrong = orthant(k, withTrueTestLabels, 2_000_000, rng);
            double tolerance = 0.03 + 3 * mc[1] / mc[0]; // EP's error on six points (2%, see the EP tests) plus 3 standard errors
            assertTrue(mc[1] / mc[0] < 0.01, "Monte Carlo relative standard error " + mc[1] / mc[0]);
            assertEquals(Math.log(mc[0]), r.logP(), tolerance, "log P(f) vs Monte Carlo orthant probability");
            assertEquals(r.logP() / Math.log(10), r.log10P(), 1e-12);
            assertTrue(Math.abs(Math.log(wrong[0]) - Math.log(mc[0])) > 10 * tolerance,
                    "the test must tell predicted from true test labels: " + Math.log(wrong[0]) + " vs " + Math.log(mc[0]));
            assertEquals(1.0 / 3, r.testAccuracy(), 1e-12);
            assertEquals(trainPoints, r.trainPoints());
            assertEquals(testPoints, r.testPoints());
        }
    }

    private static int[] predictions(Network net, float[][] points) {
        try (NDManager m = TensorEngine.newManager()) {
            double[] flat = new double[points.length * 2];
            for (int i = 0; i < points.length; i++) {
                flat[2 * i] = points[i][0];
                flat[2 * i + 1] = points[i][1];
            }
            NDArray logits = net.forward(m.create(flat, new Shape(points.length, 2)), ForwardPass.inference());
            double[] z = logits.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
            return Arrays.stream(z).mapToInt(v -> v > 0 ? 1 : 0).toArray();
        }
    }

    private static Dataset dataset(float[][] points, int[] labels) {
        float[] x = new float[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            x[2 * i] = points[i][0];
            x[2 * i + 1] = points[i][1];
        }
        return new Dataset("points", new int[] {2}, x, labels, 2);
    }

    /**
     * One hidden ReLU layer: K0 = sb2 + sw2 x.x'/d; K1 = sb2 + sw2 / (2 pi) sqrt(K0(x,x) K0(x',x'))
     * (sin t + (pi - t) cos t), cos t = K0(x,x') / sqrt(K0(x,x) K0(x',x')).
     */
    private static double[][] reluKernel(float[][] x) {
        int n = x.length;
        double[][] k0 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k0[i][j] = SIGMA_B2 + SIGMA_W2 * (x[i][0] * (double) x[j][0] + x[i][1] * (double) x[j][1]) / 2;
            }
        }
        double[][] k1 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double norm = Math.sqrt(k0[i][i] * k0[j][j]);
                double t = Math.acos(Math.min(1, k0[i][j] / norm));
                k1[i][j] = SIGMA_B2 + SIGMA_W2 / (2 * Math.PI) * norm * (Math.sin(t) + (Math.PI - t) * Math.cos(t));
            }
        }
        return k1;
    }

    /** Fraction of u ~ N(0, K + I) with sign(u_i) = y_i for every i, and its standard error. */
    private static double[] orthant(double[][] k, int[] y, int samples, SplittableRandom rng) {
        int n = y.length;
        DMatrixRMaj c = new DMatrixRMaj(k);
        for (int i = 0; i < n; i++) {
            c.add(i, i, 1);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        assertTrue(chol.decompose(c));
        DMatrixRMaj l = chol.getT(null);
        double[] e = new double[n];
        long hits = 0;
        for (int s = 0; s < samples; s++) {
            boolean all = true;
            for (int i = 0; i < n && all; i++) {
                e[i] = rng.nextGaussian();
                double u = 0;
                for (int j = 0; j <= i; j++) {
                    u += l.get(i, j) * e[j];
                }
                all = y[i] * u > 0;
            }
            hits += all ? 1 : 0;
        }
        double p = (double) hits / samples;
        return new double[] {p, Math.sqrt(p * (1 - p) / samples)};
    }
}
