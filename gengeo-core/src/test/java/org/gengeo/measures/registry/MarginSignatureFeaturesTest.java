package org.gengeo.measures.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.margins.ActivationSpread;
import org.gengeo.margins.LayerDistances;
import org.gengeo.margins.MarginSignature;
import org.gengeo.train.TrainConfig;
import org.junit.jupiter.api.Test;

/** The margin-signature measure: against a direct call of the margins package, and against a closed form for a linear model. */
class MarginSignatureFeaturesTest {
    private static final MarginSignatureFeatures MEASURE = new MarginSignatureFeatures();

    @Test
    void detailsAreTheSignatureLogFeaturesOfADirectCallOnTheSameSample() {
        Dataset train = RandomData.gaussian(80, 5, 3, 7);
        try (Network net = PaperMeasuresTest.net("mlp:5-6-4-3"); NDManager m = TensorEngine.newManager()) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(train, train, Map.of()), net);
            MeasureValue v = MEASURE.compute(c, MeasureParameters.of(MEASURE, Map.of("sample", 50.0, "seed", 3.0)));
            Dataset sample = MeasureContext.sample(train, 50, 3, "signature-sample");
            MarginSignature direct = MarginSignature.of(LayerDistances.of(net, new DeviceData(sample, m, net.precision()), 17),
                    ActivationSpread.of(net, new DeviceData(train, m, net.precision())));
            assertEquals(List.of("fc0.log_lower_fence", "fc0.log_q1", "fc0.log_median", "fc0.log_q3", "fc0.log_upper_fence",
                    "fc1.log_lower_fence"), new ArrayList<>(v.details().keySet()).subList(0, 6));
            assertEquals(15, v.details().size());
            assertArrayEquals(direct.logFeatures(), v.details().values().stream().mapToDouble(Double::doubleValue).toArray(), 1e-12);
            double meanLogMedian = (direct.logFeatures()[2] + direct.logFeatures()[7] + direct.logFeatures()[12]) / 3;
            assertEquals(meanLogMedian, v.value(), 1e-12);
        }
    }

    /**
     * A model without hidden layers is linear, so the first-order distance is exact: d = ((w_i - w_j) x +
     * b_i - b_j) / ||w_i - w_j|| with j the best other class, and nu = sqrt(sum_d Var x_d).
     */
    @Test
    void aLinearModelsSignatureIsItsExactDistanceToTheBoundaryOverTheInputSpread() {
        int n = 60;
        int d = 4;
        int k = 3;
        Dataset train = RandomData.gaussian(n, d, k, 11);
        try (Network net = PaperMeasuresTest.net("mlp:4-3")) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(train, train, Map.of()), net);
            double[] w = c.weights().get("fc0.weight");
            double[] b = c.weights().get("fc0.bias");
            float[] x = train.features();
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < d; q++) {
                    mean[q] += x[i * d + q] / (double) n;
                }
            }
            double variance = 0;
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < d; q++) {
                    variance += (x[i * d + q] - mean[q]) * (x[i * d + q] - mean[q]) / n;
                }
            }
            double nu = Math.sqrt(variance);
            List<Double> kept = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] f = new double[k];
                for (int a = 0; a < k; a++) {
                    f[a] = b[a];
                    for (int q = 0; q < d; q++) {
                        f[a] += w[a * d + q] * x[i * d + q];
                    }
                }
                int y = train.labels()[i];
                int j = -1;
                for (int a = 0; a < k; a++) {
                    if (a != y && (j < 0 || f[a] > f[j])) {
                        j = a;
                    }
                }
                double g2 = 0;
                for (int q = 0; q < d; q++) {
                    g2 += (w[y * d + q] - w[j * d + q]) * (w[y * d + q] - w[j * d + q]);
                }
                double dist = (f[y] - f[j]) / Math.sqrt(1e-6 + g2);
                if (dist > 0) {
                    kept.add(dist / nu);
                }
            }
            double[] s = kept.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double q1 = numpyQuantile(s, 0.25);
            double q3 = numpyQuantile(s, 0.75);
            double[] expected = {q1 - 1.5 * (q3 - q1), q1, numpyQuantile(s, 0.5), q3, q3 + 1.5 * (q3 - q1)};
            Arrays.setAll(expected, i -> Math.log(Math.abs(expected[i])));
            MeasureValue v = MEASURE.compute(c, MeasureParameters.of(MEASURE, Map.of()));
            assertArrayEquals(expected, v.details().values().stream().mapToDouble(Double::doubleValue).toArray(), 1e-9);
        }
    }

    /** numpy.quantile's default (linear) rule on sorted values. */
    private static double numpyQuantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
