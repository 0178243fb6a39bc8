package org.gengeo.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.pergrad.Coherence;
import org.gengeo.train.GradientOracle;
import org.gengeo.train.Optimizer;
import org.gengeo.train.Optimizers;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.WeightDecay;

/**
 * Per-example gradient benchmark (issue 8's targets), one run, median of 5: m-coherence of an MLP
 * 784-256-256-256-10 over 1,000 random examples against one ordinary forward and backward pass over
 * the same examples and against a loop of one backward pass per example; and a winsorised SGD step
 * (batch 100, c = 4) against a plain SGD step. Usage: {@code PerExampleBench [THREADS]}.
 */
public final class PerExampleBench {
    private PerExampleBench() {}

    public static void main(String[] args) {
        TensorEngine.start(Integer.parseInt(args.length > 0 ? args[0] : "1"));
        Architecture arch = Architecture.parse("mlp:784-256-256-256-10");
        int n = 1000;
        try (Network net = Network.initialise(arch, Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32);
             NDManager memory = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(randomImages(n, 1), memory, Precision.FLOAT32);
            double pass = median(() -> {
                try (NDScope s = new NDScope()) {
                    Batch b = data.slice(0, n);
                    Autograd.backward(() -> Loss.CROSS_ENTROPY.mean(net.forward(b.x(), ForwardPass.inference()), b.y()));
                    Autograd.clear(net.parameterList());
                }
            });
            double coherence = median(() -> Coherence.of(net, data, Loss.CROSS_ENTROPY, n));
            double loop = median(() -> {
                for (int i = 0; i < n; i++) {
                    try (NDScope s = new NDScope()) {
                        Batch b = data.slice(i, i + 1);
                        Autograd.backward(() -> Loss.CROSS_ENTROPY.mean(net.forward(b.x(), ForwardPass.inference()), b.y()));
                        Autograd.gradients(net.parameterList()).forEach(g -> g.square().sum().getFloat());
                        Autograd.clear(net.parameterList());
                    }
                }
            });
            System.out.printf(Locale.ROOT, "MLP 784-256-256-256-10, %d examples, %d threads, median of 5%n", n, TensorEngine.threads());
            System.out.printf(Locale.ROOT, "forward+backward %.1f ms; m-coherence %.1f ms (ratio %.2f); per-example loop %.1f ms (speed-up %.1fx)%n",
                    pass, coherence, coherence / pass, loop, loop / coherence);
            double sgd = stepTime(net, data, "sgd");
            double winsor = stepTime(net, data, "winsorized");
            System.out.printf(Locale.ROOT, "batch 100: plain SGD step %.2f ms; winsorised (c = 4) step %.2f ms; ratio %.2f%n", sgd, winsor,
                    winsor / sgd);
        }
    }

    private static double stepTime(Network net, DeviceData data, String opt) {
        TrainConfig c = TrainConfig.defaults().with(Map.of("opt", opt, "winsor", 4.0, "lr", 1e-4, "momentum", 0.0));
        Optimizer o = Optimizers.create(c, net);
        GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, WeightDecay.of(c, net), 1, data);
        int[] at = {0};
        return median(() -> {
            for (int r = 0; r < 10; r++) {
                try (NDScope s = new NDScope()) {
                    int from = (at[0]++ % 10) * 100;
                    o.step(net.parameterList(), data.slice(from, from + 100), oracle, 1e-4);
                }
            }
        }) / 10;
    }

    /** {@code n} random 784-pixel "images" with uniform pixels and 10 uniform labels, from the stream (seed, "bench"). */
    static Dataset randomImages(int n, long seed) {
        return BenchData.random(new int[] {784}, 10, n, Seeds.random(seed, "bench"));
    }

    /** Median wall time in ms of 5 runs of {@code r} after one warm-up run. */
    static double median(Runnable r) {
        return MedianTime.millis(1, 5, r);
    }
}
