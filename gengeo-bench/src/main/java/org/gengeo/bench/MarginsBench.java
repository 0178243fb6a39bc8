package org.gengeo.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Locale;
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
import org.gengeo.margins.ActivationSpread;
import org.gengeo.margins.LayerDistances;
import org.gengeo.margins.MarginSignature;
import org.gengeo.margins.Margins;

/**
 * Margin benchmark (issue 7's targets), median of 5, MLP 784-512-512-10 in float32 on random data:
 * normalised margins of 60,000 examples against one inference forward pass over them (target ratio
 * at most 1.5), and the layer-wise signature (spreads, distances and summary) of 10,000 examples
 * against one forward and backward pass of the loss over them, in the same chunks (target at most 3).
 * Usage: {@code MarginsBench [THREADS]}.
 */
public final class MarginsBench {
    private static final int CHUNK = 1000;

    private MarginsBench() {}

    public static void main(String[] args) {
        TensorEngine.start(Integer.parseInt(args.length > 0 ? args[0] : "1"));
        Architecture arch = Architecture.parse("mlp:784-512-512-10");
        try (Network net = Network.initialise(arch, Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32);
             NDManager memory = TensorEngine.newManager()) {
            DeviceData all = new DeviceData(PerExampleBench.randomImages(60_000, 60_000), memory, Precision.FLOAT32);
            DeviceData tenK = new DeviceData(PerExampleBench.randomImages(10_000, 10_000), memory, Precision.FLOAT32);
            double forward = PerExampleBench.median(() -> {
                for (int from = 0; from < all.size(); from += Margins.CHUNK) {
                    try (NDScope s = new NDScope()) {
                        net.forward(all.slice(from, from + Margins.CHUNK).x(), ForwardPass.inference()).sum().getFloat();
                    }
                }
            });
            double margins = PerExampleBench.median(() -> Margins.of(net, all, false));
            double pass = PerExampleBench.median(() -> {
                for (int from = 0; from < tenK.size(); from += CHUNK) {
                    try (NDScope s = new NDScope()) {
                        Batch b = tenK.slice(from, from + CHUNK);
                        Autograd.backward(() -> Loss.CROSS_ENTROPY.perExample(net.forward(b.x(), ForwardPass.inference()), b.y()).sum());
                        Autograd.clear(net.parameterList());
                    }
                }
            });
            double signature = PerExampleBench.median(
                    () -> MarginSignature.of(LayerDistances.of(net, tenK, CHUNK), ActivationSpread.of(net, tenK)));
            System.out.printf(Locale.ROOT, "MLP 784-512-512-10, float32, %d threads, median of 5%n", TensorEngine.threads());
            System.out.printf(Locale.ROOT, "60,000 examples: forward %.1f ms; normalised margins %.1f ms (ratio %.2f, target <= 1.5)%n",
                    forward, margins, margins / forward);
            System.out.printf(Locale.ROOT, "10,000 examples: forward+backward %.1f ms; signature %.1f ms (ratio %.2f, target <= 3)%n",
                    pass, signature, signature / pass);
        }
    }
}
