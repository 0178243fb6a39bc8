package org.gengeo.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.gengeo.core.Progress;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.curvature.Eigenpairs;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.Lanczos;
import org.gengeo.curvature.ParameterBlock;
import org.junit.jupiter.api.Test;

/** Landscape slices: the filter normalisation, the centre value, and the curvature along an eigenvector. */
class LossLandscapeTest {
    static Dataset data(int n, long seed) {
        return RandomData.gaussian(n, 5, 3, seed);
    }

    static Network net() {
        TensorEngine.ensureStarted();
        return Network.initialise(Architecture.parse("mlp:5-7-3"), Activation.TANH, 0, Init.parse("torch"), 4, Precision.FLOAT64);
    }

    @Test
    void randomDirectionsAreFilterNormalisedWithZeroBiases() {
        try (Network net = net()) {
            Map<String, double[]> d = LossLandscape.randomDirections(net, 1, 3).get(0);
            double[] w = Tensors.doubles(net.parameters().get("fc0.weight"));
            double[] dir = d.get("fc0.weight");
            for (int f = 0; f < 7; f++) {
                double wn = 0;
                double dn = 0;
                for (int i = f * 5; i < (f + 1) * 5; i++) {
                    wn += w[i] * w[i];
                    dn += dir[i] * dir[i];
                }
                assertEquals(Math.sqrt(wn), Math.sqrt(dn), 1e-12, "filter " + f);
            }
            for (double b : d.get("fc0.bias")) {
                assertEquals(0, b);
            }
            assertTrue(!java.util.Arrays.equals(dir, LossLandscape.randomDirections(net, 1, 4).get(0).get("fc0.weight")));
        }
    }

    @Test
    void centreIsTheModelAndCurvatureAlongTheTopEigenvectorIsItsEigenvalue() {
        Dataset train = data(40, 1);
        Dataset test = data(30, 2);
        try (Network net = net(); NDManager m = TensorEngine.newManager()) {
            DeviceData tr = new DeviceData(train, m, Precision.FLOAT64);
            ParameterBlock block = ParameterBlock.all(net);
            Eigenpairs top;
            try (HessianOperator h = new HessianOperator(net, tr, Loss.CROSS_ENTROPY, block, 40)) {
                top = Lanczos.extremes(h, 1, 0, block.dim(), 1e-12, 1);
            }
            Map<String, double[]> dir = LossLandscape.eigenDirection(net, block.names(), top.vectors()[0]);
            double dirNorm2 = 0;
            for (double[] v : dir.values()) {
                for (double x : v) {
                    dirNorm2 += x * x;
                }
            }
            double span = 1e-3;
            LandscapeOptions o = new LandscapeOptions("eigen", false, 3, span, null, 0);
            LandscapeResult r = LossLandscape.evaluate(net, train, test, List.of(dir), o, "t", Provenance.current("test"), Progress.NONE);
            assertEquals(Evaluation.of(net, tr, Loss.CROSS_ENTROPY).loss(), r.trainLoss()[0][1], 1e-14);
            // second difference along d: (L(a) + L(-a) - 2 L(0)) / a^2 = d^T H d = lambda ||d||^2 + O(a^2)
            double second = (r.trainLoss()[0][0] + r.trainLoss()[0][2] - 2 * r.trainLoss()[0][1]) / (span * span);
            assertEquals(top.values()[0] * dirNorm2, second, 1e-4 * top.values()[0] * dirNorm2);
        }
    }
}
