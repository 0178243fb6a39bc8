package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SGD's float32 update to the bit, against the same arithmetic done here in Java floats from the
 * step's gradients: plain w &larr; w - fl(lr g) and heavy ball b &larr; fl(mu b) + g, w &larr; w - fl(lr b),
 * each operation rounded to float32 as torch.optim.SGD's separate kernels round it (lr and mu cast
 * to float32). Fast paths in the engine (in-place buffers, shared scalars) must not change a bit.
 */
class SgdArithmeticTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.9})
    void updateIsTheFloat32FormulaToTheBit(double momentum) {
        TensorEngine.ensureStarted();
        double lr = 0.1;
        TrainConfig config = TrainConfig.defaults().with(Map.of("opt", "sgd", "lr", lr, "momentum", momentum));
        try (Network net = Network.initialise(Architecture.parse("mlp:6-5-3"), Activation.RELU, 0, Init.parse("he"), 3, Precision.FLOAT32);
             NDManager m = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(RandomData.gaussian(16, 6, 3, 2), m, Precision.FLOAT32);
            Optimizer opt = Optimizers.create(config, net);
            GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, WeightDecay.of(config, net), 0, null);
            float lrF = (float) lr;
            float muF = (float) momentum;
            List<float[]> buffers = new ArrayList<>();
            for (int step = 0; step < 4; step++) {
                try (NDScope s = new NDScope()) {
                    Batch batch = data.slice(4 * step, 4 * step + 4);
                    oracle.atStep(step);
                    List<float[]> before = new ArrayList<>();
                    List<float[]> grads = new ArrayList<>();
                    for (NDArray g : oracle.meanGradient(batch).arrays()) {
                        grads.add(g.toFloatArray());
                    }
                    for (NDArray p : net.parameterList()) {
                        before.add(p.toFloatArray());
                    }
                    opt.step(net.parameterList(), batch, oracle, lr);
                    for (int i = 0; i < before.size(); i++) {
                        float[] w = before.get(i);
                        float[] g = grads.get(i);
                        if (buffers.size() <= i) {
                            buffers.add(new float[w.length]);
                        }
                        float[] b = buffers.get(i);
                        float[] expected = new float[w.length];
                        for (int j = 0; j < w.length; j++) {
                            float direction = g[j];
                            if (momentum > 0) {
                                b[j] = b[j] * muF + g[j];
                                direction = b[j];
                            }
                            expected[j] = w[j] - direction * lrF;
                        }
                        assertArrayEquals(expected, net.parameterList().get(i).toFloatArray(), 0f, "step " + step + ", parameter " + i);
                    }
                }
            }
        }
    }
}
