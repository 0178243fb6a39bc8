package org.gengeo.pergrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The selection-based winsorised mean against a full sort per coordinate, and the factored gradients against a loop. */
class WinsorisedMeanTest {
    /** Reference: sort each coordinate's m values, clip to [v_(k+1), v_(m-k)], average. */
    static double[] bySorting(double[] rows, int m, int k) {
        int n = rows.length / m;
        double[] mean = new double[n];
        for (int j = 0; j < n; j++) {
            double[] col = new double[m];
            for (int b = 0; b < m; b++) {
                col[b] = rows[b * n + j];
            }
            double[] sorted = col.clone();
            Arrays.sort(sorted);
            for (double v : col) {
                mean[j] += Math.min(sorted[m - 1 - k], Math.max(sorted[k], v)) / m;
            }
        }
        return mean;
    }

    @ParameterizedTest(name = "m {0}, k {1}")
    @CsvSource({"1, 0", "2, 0", "5, 2", "20, 0", "20, 1", "20, 9", "100, 4", "101, 50"})
    void explicitRowsMatchSortingWithTies(int m, int k) {
        SplittableRandom r = new SplittableRandom(m * 31L + k);
        int n = 37;
        double[] rows = new double[m * n];
        for (int i = 0; i < rows.length; i++) {
            // a coarse grid makes ties common, the case where selection bugs hide
            rows[i] = r.nextInt(7) == 0 ? Math.floor(r.nextGaussian() * 2) : r.nextGaussian();
        }
        assertArrayEquals(bySorting(rows, m, k), WinsorisedMean.explicit(rows, m, k), 1e-12);
    }

    @Test
    void outerFactorsMatchTheExplicitProducts() {
        SplittableRandom r = new SplittableRandom(4);
        int m = 30;
        int out = 5;
        int in = 9;
        double[] delta = r.doubles(m * out).map(x -> x - 0.5).toArray();
        double[] input = r.doubles(m * in).toArray();
        double[] rows = new double[m * out * in];
        for (int b = 0; b < m; b++) {
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < in; j++) {
                    rows[(b * out + o) * in + j] = delta[b * out + o] * input[b * in + j];
                }
            }
        }
        for (int k : new int[] {0, 3, 14}) {
            assertArrayEquals(bySorting(rows, m, k), WinsorisedMean.outer(delta, input, m, k), 1e-12, "k " + k);
        }
    }

    @Test
    void coordinatesSpanningSeveralBlocksMatchSorting() {
        // 600 explicit and 3 x 300 factored coordinates: more than one block of buffers, and a partial last one
        SplittableRandom r = new SplittableRandom(11);
        int m = 23;
        double[] rows = r.doubles(m * 600).map(x -> x < 0.2 ? 0 : x - 0.6).toArray();
        assertArrayEquals(bySorting(rows, m, 3), WinsorisedMean.explicit(rows, m, 3), 1e-12);
        double[] delta = r.doubles(m * 3).map(x -> x - 0.5).toArray();
        double[] input = r.doubles(m * 300).map(x -> x < 0.5 ? 0 : x).toArray();
        double[] products = new double[m * 3 * 300];
        for (int b = 0; b < m; b++) {
            for (int o = 0; o < 3; o++) {
                for (int j = 0; j < 300; j++) {
                    products[(b * 3 + o) * 300 + j] = delta[b * 3 + o] * input[b * 300 + j];
                }
            }
        }
        assertArrayEquals(bySorting(products, m, 5), WinsorisedMean.outer(delta, input, m, 5), 1e-12);
    }

    @Test
    void aNonFiniteValueMakesItsCoordinateNonFiniteOnly() {
        double[] rows = {1, 2, Double.NaN, 4, 5, 6, 7, 8, 9};
        double[] mean = WinsorisedMean.explicit(rows, 3, 1);
        assertEquals(4, mean[0], 1e-15);
        assertEquals(5, mean[1], 1e-15);
        assertTrue(Double.isNaN(mean[2]));
    }

    @Test
    void trimCountMustLeaveAMiddle() {
        assertThrows(IllegalArgumentException.class, () -> WinsorisedMean.explicit(new double[8], 4, 2));
        assertThrows(IllegalArgumentException.class, () -> WinsorisedMean.explicit(new double[8], 4, -1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp:6-5-3", "cnn:1x4x4-c2k3p1-m2-5-3"})
    void factoredGradientsEqualALoopOverExamples(String spec) {
        Architecture arch = Architecture.parse(spec);
        try (Network net = PerExampleGradientsTest.net(spec, "tanh"); NDManager mm = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(PerExampleGradientsTest.data(8, arch.inputSize(), 3, 2), mm, Precision.FLOAT64);
            List<List<double[]>> loop = PerExampleGradientsTest.loop(net, data, Loss.CROSS_ENTROPY);
            PerExampleGradients.Factored f = PerExampleGradients.factored(net, data.slice(0, 8), Loss.CROSS_ENTROPY);
            for (int p = 0; p < f.rows().size(); p++) {
                NDArray rows = f.rows().get(p).materialise();
                double[] got = Tensors.doubles(rows);
                int size = got.length / 8;
                for (int i = 0; i < 8; i++) {
                    assertArrayEquals(loop.get(i).get(p), Arrays.copyOfRange(got, i * size, (i + 1) * size), 1e-12, "parameter " + p);
                }
            }
            NDArray logits = net.forward(data.slice(0, 8).x(), ForwardPass.inference());
            assertEquals(Tensors.scalar(Loss.CROSS_ENTROPY.mean(logits, data.slice(0, 8).y())), f.meanLoss(), 1e-12);
        }
    }
}
