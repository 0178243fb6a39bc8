package org.gengeo.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gengeo.core.io.Npy;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.script.TorchScriptModule;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.ParameterBlock;

/**
 * One Hessian-vector product of an imported TorchScript ResNet-18 (CIFAR stem, 10 classes) on 256
 * images, through gengeo's {@link HessianOperator} (the path every curvature measure takes), against
 * PyTorch for Python's double backward on the same module file and images, same thread count, in
 * one invocation. Both sides: evaluation mode, one chunk of 256, median of 3 after one warm-up.
 * Then the same product on gengeo's own {@code resnet18:cifar} holding the module's weights (the
 * names are torchvision's on both), which gives the import's overhead against the native network,
 * and the largest relative difference between the two products, which must be float32 rounding.
 * Arguments: PYTHON SCRIPT THREADS [EXAMPLES, default 256].
 */
public final class ImportedHvBench {
    private static final int REPEATS = 3;

    private ImportedHvBench() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[2]);
        int examples = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        Path dir = Files.createTempDirectory("gengeo-imported-hv");
        JsonNode torch = PythonSide.run(List.of(args[0], args[1], "--out", dir.toString(), "--examples", "" + examples,
                "--threads", "" + threads, "--repeats", "" + REPEATS), threads);
        TensorEngine.start(threads);
        TensorData x = Npy.read(dir.resolve("x.npy"));
        double[] labels = Npy.read(dir.resolve("y.npy")).toDoubleArray();
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) labels[i];
        }
        org.gengeo.core.data.Dataset data = new org.gengeo.core.data.Dataset("random", new int[] {3, 32, 32}, x.toFloatArray(), y, 10);
        double hvMs;
        double nativeMs;
        double difference;
        long parameters;
        try (Network net = Network.ofTorchScript(TorchScriptModule.load(dir.resolve("resnet18.pt")), new int[] {3, 32, 32}, "resnet18.pt");
             Network own = Network.initialise(Architecture.parse("resnet18:cifar"), Activation.RELU, 0, Init.parse("he"), 1,
                     Precision.FLOAT32);
             NDManager memory = TensorEngine.newManager()) {
            own.parameters().forEach((name, value) -> value.set(net.parameters().get(name).toByteBuffer()));
            ParameterBlock block = ParameterBlock.all(net);
            parameters = block.dim();
            SplittableRandom rng = new SplittableRandom(1);
            double[] v = new double[block.dim()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextDouble() - 0.5;
            }
            double[] imported;
            double[] natively;
            try (HessianOperator h = new HessianOperator(net, new DeviceData(data, memory, net.precision()), Loss.CROSS_ENTROPY, block,
                    examples)) {
                hvMs = MedianTime.millis(1, REPEATS, () -> h.apply(v));
                imported = h.apply(v);
            }
            try (HessianOperator h = new HessianOperator(own, new DeviceData(data, memory, own.precision()), Loss.CROSS_ENTROPY,
                    ParameterBlock.all(own), examples)) {
                nativeMs = MedianTime.millis(1, REPEATS, () -> h.apply(v));
                natively = h.apply(v);
            }
            difference = relativeDifference(imported, natively);
        }
        System.out.printf(Locale.ROOT, "engine %s, threads %d, TorchScript ResNet-18 (CIFAR stem, %d parameters), %d images, median of %d%n",
                TensorEngine.description(), threads, parameters, examples, REPEATS);
        System.out.printf(Locale.ROOT, "gengeo  Hv %10.1f ms (imported module, HessianOperator)%n", hvMs);
        System.out.printf(Locale.ROOT, "pytorch Hv %10.1f ms (torch.autograd.grad double backward, PyTorch %s)%n", torch.get("hvp_ms").asDouble(),
                "for Python");
        System.out.printf(Locale.ROOT, "native  Hv %10.1f ms (gengeo's resnet18:cifar, same weights; max relative difference %.1e)%n",
                nativeMs, difference);
        System.out.printf(Locale.ROOT, "gengeo / PyTorch: %.3f%n", hvMs / torch.get("hvp_ms").asDouble());
        System.out.printf(Locale.ROOT, "imported / native: %.3f%n", hvMs / nativeMs);
    }

    /** max_i |a_i - b_i| / max_i |b_i|. */
    private static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }
}
