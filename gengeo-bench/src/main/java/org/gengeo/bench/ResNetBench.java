package org.gengeo.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
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
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.ParameterBlock;
import org.gengeo.pergrad.PerExampleGradients;

/**
 * ResNet-20 side by side with PyTorch for Python (python/resnet_bench.py, the same network from
 * torchvision's BasicBlock), one thread count, one invocation: (1) one training step on a batch of
 * 128 3x32x32 images (SGD, lr 0.1, momentum 0.9, weight decay 5e-4, batch norm in training mode);
 * (2) one Hessian-vector product over 1,000 images (evaluation mode, chunks of 250); and, gengeo
 * only, (3) the per-example gradient norms of all parameters over 1,000 images (one grouped
 * convolution per convolution layer, in chunks of 250) against one forward and backward pass over them, and against a
 * loop of one backward pass per example (timed on {@value #LOOP} examples and scaled to 1,000).
 * Usage: {@code ResNetBench PYTHON SCRIPT THREADS}; the last line is the step ratio.
 */
public final class ResNetBench {
    private static final String SPEC = "resnet20";
    private static final int BATCH = 128;
    private static final int STEPS = 10;
    private static final int EXAMPLES = 1000;
    private static final int CHUNK = 250;
    private static final int LOOP = 50;
    private static final int REPEATS = 5;

    private ResNetBench() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = Integer.parseInt(args[2]);
        TensorEngine.start(threads);
        double stepMs;
        try (StepFixture f = new StepFixture(SPEC, BATCH, Map.of("momentum", 0.9, "weight-decay", 5e-4))) {
            stepMs = MedianTime.millis(2, REPEATS, () -> {
                for (int s = 0; s < STEPS; s++) {
                    f.step();
                }
            }) / STEPS;
        }
        Architecture arch = Architecture.parse(SPEC);
        SplittableRandom rng = Seeds.random(1, "bench");
        Dataset ds = BenchData.random(arch.inputShape(), 10, EXAMPLES, rng);
        double hvMs;
        double normsMs;
        double passMs;
        double loopMs;
        try (Network net = Network.initialise(arch, Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32);
             NDManager memory = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(ds, memory, Precision.FLOAT32);
            ParameterBlock block = ParameterBlock.all(net);
            double[] v = new double[block.dim()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
            try (HessianOperator h = new HessianOperator(net, data, Loss.CROSS_ENTROPY, block, CHUNK)) {
                hvMs = MedianTime.millis(1, REPEATS, () -> h.apply(v));
            }
            normsMs = MedianTime.millis(1, REPEATS, () -> {
                for (int from = 0; from < EXAMPLES; from += CHUNK) {
                    PerExampleGradients.compute(net, data.slice(from, from + CHUNK), Loss.CROSS_ENTROPY);
                }
            });
            passMs = MedianTime.millis(1, REPEATS, () -> {
                for (int from = 0; from < EXAMPLES; from += CHUNK) {
                    backward(net, data.slice(from, from + CHUNK));
                }
            });
            loopMs = MedianTime.millis(1, 3, () -> {
                for (int i = 0; i < LOOP; i++) {
                    backward(net, data.slice(i, i + 1));
                }
            }) * EXAMPLES / LOOP;
        }
        JsonNode torch = PythonSide.run(List.of(args[0], args[1], "--threads", "" + threads, "--batch", "" + BATCH,
                "--examples", "" + EXAMPLES, "--chunk", "" + CHUNK, "--repeats", "" + REPEATS, "--steps", "" + STEPS), threads);
        double tStep = torch.get("step_ms").asDouble();
        double tHv = torch.get("hvp_ms").asDouble();
        System.out.printf(Locale.ROOT, "engine %s, PyTorch for Python %s, threads %d, %s, medians of %d%n",
                TensorEngine.description(), torch.get("torch").asText(), threads, SPEC, REPEATS);
        System.out.printf(Locale.ROOT, "%-44s %12s %12s %8s%n", "", "gengeo ms", "pytorch ms", "ratio");
        System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f %8.3f%n", "training step, batch 128", stepMs, tStep, stepMs / tStep);
        System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f %8.3f%n", "Hessian-vector product, 1000 images", hvMs, tHv, hvMs / tHv);
        System.out.printf(Locale.ROOT, "%-44s %12.1f%n", "per-example gradient norms, 1000 images", normsMs);
        System.out.printf(Locale.ROOT, "%-44s %12.1f%n", "one forward+backward, 1000 images", passMs);
        System.out.printf(Locale.ROOT, "%-44s %12.1f%n", "per-example loop, 1000 images (from " + LOOP + ")", loopMs);
        System.out.printf(Locale.ROOT, "per-example norms / forward+backward: %.3f%n", normsMs / passMs);
        System.out.printf(Locale.ROOT, "per-example loop / per-example norms (speed-up): %.1f%n", loopMs / normsMs);
        System.out.printf(Locale.ROOT, "resnet20 Hv ratio gengeo/pytorch: %.3f%n", hvMs / tHv);
        System.out.printf(Locale.ROOT, "resnet20 step ratio gengeo/pytorch: %.3f%n", stepMs / tStep);
    }

    /** One backward pass of the summed loss over {@code b} (evaluation mode), gradients read and cleared. */
    private static void backward(Network net, Batch b) {
        List<NDArray> params = net.parameterList();
        try (NDScope scope = new NDScope()) {
            Autograd.backward(() -> Loss.CROSS_ENTROPY.perExample(net.forward(b.x(), ForwardPass.inference()), b.y()).sum());
            Autograd.gradients(params).forEach(g -> g.sum().getFloat());
        }
        Autograd.clear(params);
    }
}
