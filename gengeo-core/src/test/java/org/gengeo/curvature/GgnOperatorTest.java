package org.gengeo.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Gauss-Newton operator: equal to the Hessian where the network is linear, and positive semi-definite. */
class GgnOperatorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp:6-3", "mlp:6-1"})
    void equalsTheHessianOfALinearModel(String spec) {
        try (Network net = HessianOperatorTest.net(spec, "tanh"); NDManager m = TensorEngine.newManager()) {
            int outputs = net.architecture().outputs();
            DeviceData data = new DeviceData(HessianOperatorTest.data(25, 6, Math.max(2, outputs), 3), m, Precision.FLOAT64);
            Loss loss = Loss.forOutputs(outputs);
            ParameterBlock block = ParameterBlock.all(net);
            double[][] h;
            double[][] g;
            try (HessianOperator op = new HessianOperator(net, data, loss, block, 10)) {
                h = DenseHessian.of(op).matrix();
            }
            try (GgnOperator op = new GgnOperator(net, data, loss, block, 10)) {
                g = DenseHessian.of(op).matrix();
            }
            for (int i = 0; i < h.length; i++) {
                for (int j = 0; j < h.length; j++) {
                    assertEquals(h[i][j], g[i][j], 1e-12, "[" + i + "][" + j + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mlp:6-5-3, tanh", "mlp:6-5-4-1, relu", "cnn:1x5x5-c2k3p1-m2-4-3, tanh", "resnet8:w=2:in=1x5x5:classes=3, relu"})
    void isPositiveSemiDefiniteWhileTheHessianNeedNotBe(String spec, String act) {
        try (Network net = HessianOperatorTest.net(spec, act); NDManager m = TensorEngine.newManager()) {
            int outputs = net.architecture().outputs();
            DeviceData data = new DeviceData(HessianOperatorTest.data(30, net.architecture().inputSize(), Math.max(2, outputs), 4), m,
                    Precision.FLOAT64);
            Loss loss = Loss.forOutputs(outputs);
            ParameterBlock block = ParameterBlock.all(net);
            try (GgnOperator op = new GgnOperator(net, data, loss, block, 12)) {
                DenseHessian dense = DenseHessian.of(op);
                assertTrue(dense.asymmetry() < 1e-12, "asymmetry " + dense.asymmetry());
                Eigenpairs e = dense.eigen();
                double largest = e.values()[0];
                assertTrue(largest > 0);
                assertTrue(e.values()[e.size() - 1] > -1e-12 * largest, "smallest GGN eigenvalue " + e.values()[e.size() - 1]);
                Eigenpairs top = Lanczos.extremes(op, 3, 0, block.dim(), 1e-11, 2);
                for (int i = 0; i < 3; i++) {
                    assertEquals(e.values()[i], top.values()[i], 1e-8 * largest);
                }
            }
        }
    }
}
