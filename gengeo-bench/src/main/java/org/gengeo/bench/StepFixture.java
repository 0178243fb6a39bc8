package org.gengeo.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.train.GradientOracle;
import org.gengeo.train.Optimizer;
import org.gengeo.train.Optimizers;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.WeightDecay;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Batch;

/**
 * One training step exactly as gengeo's training loop takes it (gather a minibatch from data held
 * in engine memory, forward, cross-entropy, backward, SGD update, read the loss), on random data
 * of {@value #EXAMPLES} examples. The PyTorch side (python/train_step.py) does the same work.
 */
public final class StepFixture implements AutoCloseable {
    /** Examples in the synthetic data set the batches are drawn from. */
    public static final int EXAMPLES = 8192;

    private final Network net;
    private final NDManager memory;
    private final DeviceData data;
    private final Optimizer optimizer;
    private final GradientOracle oracle;
    private final int batch;
    private final long[][] batches;
    private long step;

    /** A fixture for the MLP {@code widths} (e.g. "784-100-10") and the given batch size, plain SGD (no momentum, no weight decay), as the PyTorch side. */
    public StepFixture(String widths, int batch) {
        this("mlp:" + widths, batch, Map.of("momentum", 0.0));
    }

    /**
     * A fixture for any model {@code spec} (e.g. "resnet20"), SGD with lr 0.1 and the optimiser settings in
     * {@code options} (training-config keys, e.g. momentum and weight-decay); batch norm in training mode.
     */
    public StepFixture(String spec, int batch, Map<String, Object> options) {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse(spec);
        this.batch = batch;
        SplittableRandom rng = Seeds.random(1, "bench");
        Dataset ds = BenchData.random(arch.inputShape(), arch.outputs(), EXAMPLES, rng);
        Map<String, Object> settings = new HashMap<>(options);
        settings.putAll(Map.of("model", spec, "batch", batch, "lr", 0.1));
        TrainConfig config = TrainConfig.defaults().with(settings);
        this.net = Network.initialise(arch, Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32);
        this.memory = TensorEngine.newManager();
        this.data = new DeviceData(ds, memory, Precision.FLOAT32);
        this.optimizer = Optimizers.create(config, net);
        this.oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, WeightDecay.of(config, net), 1, null);
        this.batches = new long[EXAMPLES / batch][batch];
        for (int b = 0; b < batches.length; b++) {
            for (int i = 0; i < batch; i++) {
                batches[b][i] = rng.nextInt(EXAMPLES);
            }
        }
    }

    /** Takes one SGD step (lr 0.1) and returns the minibatch loss. */
    public double step() {
        try (NDScope scope = new NDScope()) {
            oracle.atStep(step);
            long[] idx = batches[(int) (step++ % batches.length)];
            return optimizer.step(net.parameterList(), data.gather(idx), oracle, 0.1);
        }
    }

    /** Batch size. */
    public int batch() {
        return batch;
    }

    @Override
    public void close() {
        memory.close();
        net.close();
    }
}
