package org.gengeo.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.curvature.DenseHessian;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.ParameterBlock;
import org.junit.jupiter.api.Test;

class SharpnessTest {
    /** The training-loss gradient against central finite differences. */
    @Test
    void trainingLossGradientMatchesFiniteDifferences() {
        Dataset data = RandomData.gaussian(30, 5, 3, 1);
        try (Network net = AlphaScalingTest.relu("mlp:5-6-3", 2); NDManager m = TensorEngine.newManager()) {
            TrainingLoss f = new TrainingLoss(net, new DeviceData(data, m, Precision.FLOAT64), Loss.CROSS_ENTROPY, 7);
            double[] w = f.centre();
            double[] g = new double[w.length];
            f.valueAndGradient(w, g);
            double h = 1e-6;
            for (int i = 0; i < w.length; i += 5) {
                double[] p = w.clone();
                double[] q = w.clone();
                p[i] += h;
                q[i] -= h;
                double fd = (f.valueAndGradient(p, new double[w.length]) - f.valueAndGradient(q, new double[w.length])) / (2 * h);
                assertEquals(fd, g[i], 1e-7, "parameter " + i);
            }
        }
    }

    /**
     * Sharpness is non-negative and the ascent stays in its box; the Frobenius-norm estimate agrees
     * with the dense Hessian's within three standard errors; alpha-scaling the first layer sharpens.
     */
    @Test
    void sharpnessAndCurvatureOfASmallReluNet() {
        Dataset data = RandomData.gaussian(40, 5, 3, 3);
        SharpnessOptions o = new SharpnessOptions(1e-3, 30, 0.1, 1, 40, true, 60, 40);
        try (Network net = AlphaScalingTest.relu("mlp:5-6-3", 4); Network scaled = AlphaScaling.rescale(net, "fc0", "fc1", 5.9);
             NDManager m = TensorEngine.newManager()) {
            SharpnessResult r = Sharpness.run(net, data, o, "test", Provenance.current("test"));
            assertTrue(r.sharpness() > 0);
            assertTrue(r.largestBoxRatio() <= 1 + 1e-12);
            double exact;
            try (HessianOperator h = new HessianOperator(net, new DeviceData(data, m, Precision.FLOAT64), Loss.CROSS_ENTROPY,
                    ParameterBlock.all(net), 40)) {
                DenseHessian dense = DenseHessian.of(h);
                double sq = 0;
                for (double v : dense.eigen().values()) {
                    sq += v * v;
                }
                exact = Math.sqrt(sq);
                assertEquals(dense.eigen().values()[0], r.topEigenvalue(), 1e-6 * exact);
            }
            assertEquals(exact, r.hessianFrobenius(), 3 * r.frobeniusError());
            SharpnessResult s = Sharpness.run(scaled, data, o, "scaled", Provenance.current("test"));
            assertEquals(r.loss(), s.loss(), 1e-12);
            assertTrue(s.sharpness() > 2 * r.sharpness(), r.sharpness() + " -> " + s.sharpness());
            assertTrue(s.topEigenvalue() > 2 * r.topEigenvalue());
        }
    }
}
