package org.gengeo.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.nngp.MlpKernel;
import org.junit.jupiter.api.Test;

class EmpiricalNngpKernelTest {
    /**
     * He-initialised ReLU MLPs (weights N(0, 2 / fan_in), zero biases) are the NNGP with
     * sigma_w^2 = 2, sigma_b^2 = 0 (the input layer's 2 x.x'/d included). With width 256 the
     * finite-width bias is O(1/256); 400 networks give entries within 4 standard errors of the
     * analytic kernel plus that bias.
     */
    @Test
    void matchesTheAnalyticKernelWithinSamplingError() {
        TensorEngine.ensureStarted();
        Dataset data = RandomData.gaussian(6, 10, 2, 1);
        EmpiricalNngpKernel.Estimate e = EmpiricalNngpKernel.estimate(Architecture.parse("mlp:10-256-256-1"), Activation.RELU,
                Init.parse("he"), data, 400, 3, Precision.FLOAT64);
        double[][] exact = new MlpKernel(MlpKernel.Nonlinearity.RELU, 2, 0, 2).matrix(data.features(), 6, 10);
        assertEquals(400, e.samples());
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(exact[i][j], e.kernel()[i][j], 4 * e.standardError()[i][j] + 0.02 * exact[i][i],
                        "entry " + i + "," + j);
                assertEquals(e.kernel()[i][j], e.kernel()[j][i], 1e-12);
            }
        }
        assertTrue(e.meanRelativeError() > 0 && e.meanRelativeError() < 0.2);
    }
}
