package org.gengeo.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.Lanczos;
import org.gengeo.curvature.ParameterBlock;
import org.junit.jupiter.api.Test;

/** The alpha-scale transformation keeps the function and moves the curvature as theory says. */
class AlphaScalingTest {
    private static final double ALPHA = 5.9;

    static Network relu(String spec, long seed) {
        TensorEngine.ensureStarted();
        return Network.initialise(Architecture.parse(spec), Activation.RELU, 0, Init.parse("torch"), seed, Precision.FLOAT64);
    }

    @Test
    void outputsAgreeToFloatPrecision() {
        Dataset data = RandomData.gaussian(60, 5, 3, 1);
        try (Network net = relu("mlp:5-8-6-3", 2); Network scaled = AlphaScaling.rescale(net, "fc1", "fc2", ALPHA)) {
            AlphaScaling.Agreement a = AlphaScaling.compare(net, scaled, data);
            assertTrue(a.relativeDifference() < 1e-13, "relative difference " + a.relativeDifference());
            assertTrue(a.maxAbsOutput() > 0.01);
        }
        Dataset images = RandomData.gaussian(20, 2 * 6 * 6, 2, 3);
        try (Network cnn = relu("cnn:2x6x6-c4k3p1-m2-c5k3-5-2", 4);
             Network scaled = AlphaScaling.rescale(cnn, "conv0", "conv1", ALPHA)) {
            assertTrue(AlphaScaling.compare(cnn, scaled, images).relativeDifference() < 1e-13);
        }
    }

    /**
     * With w1' = w1 / alpha and w2' = alpha w2, the chain rule gives H'_11 = alpha^2 H_11 and
     * H'_22 = H_22 / alpha^2 for the Hessian blocks of the two layers; their top eigenvalues scale
     * the same way; the top eigenvalue of the whole Hessian, at least that of any diagonal block
     * (Cauchy interlacing), grows with them.
     */
    @Test
    void hessianBlocksScaleByAlphaSquared() {
        Dataset data = RandomData.gaussian(50, 5, 3, 5);
        try (Network net = relu("mlp:5-8-6-3", 6); Network scaled = AlphaScaling.rescale(net, "fc0", "fc1", ALPHA);
             NDManager m = TensorEngine.newManager()) {
            DeviceData d = new DeviceData(data, m, Precision.FLOAT64);
            double first = top(net, d, List.of("fc0.weight", "fc0.bias"));
            double firstScaled = top(scaled, d, List.of("fc0.weight", "fc0.bias"));
            assertEquals(ALPHA * ALPHA * first, firstScaled, 1e-8 * firstScaled);
            double second = top(net, d, List.of("fc1.weight"));
            double secondScaled = top(scaled, d, List.of("fc1.weight"));
            assertEquals(second / (ALPHA * ALPHA), secondScaled, 1e-8 * second);
            double all = top(net, d, List.copyOf(net.parameters().keySet()));
            double allScaled = top(scaled, d, List.copyOf(net.parameters().keySet()));
            assertTrue(allScaled >= firstScaled * (1 - 1e-9) && allScaled > all, "top eigenvalue " + all + " -> " + allScaled);
        }
    }

    private static double top(Network net, DeviceData d, List<String> block) {
        ParameterBlock b = ParameterBlock.of(net, block);
        try (HessianOperator h = new HessianOperator(net, d, Loss.CROSS_ENTROPY, b, 50)) {
            return Lanczos.extremes(h, 1, 0, b.dim(), 1e-12, 1).values()[0];
        }
    }

    @Test
    void onlyConsecutiveLayersOfAReluNetwork() {
        try (Network net = relu("mlp:5-8-6-3", 2)) {
            assertThrows(GengeoException.class, () -> AlphaScaling.rescale(net, "fc0", "fc2", 2));
            assertThrows(GengeoException.class, () -> AlphaScaling.rescale(net, "fc0", "fc9", 2));
            assertThrows(GengeoException.class, () -> AlphaScaling.rescale(net, "fc0", "fc1", -1));
        }
        try (Network tanh = Network.initialise(Architecture.parse("mlp:5-8-3"), Activation.TANH, 0, Init.parse("torch"), 1,
                Precision.FLOAT64)) {
            assertThrows(GengeoException.class, () -> AlphaScaling.rescale(tanh, "fc0", "fc1", 2));
        }
    }
}
