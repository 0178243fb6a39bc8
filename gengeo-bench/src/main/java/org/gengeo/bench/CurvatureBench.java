package org.gengeo.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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

/**
 * Curvature benchmark, side by side with PyTorch for Python: the time of one gradient and of one
 * Hessian-vector product of the mean cross-entropy of an MLP over N random examples in chunks, in
 * gengeo and in PyTorch (python/curvature_hv.py, double backward with torch.autograd.grad as
 * PyHessian does), at the same thread count. Usage: {@code CurvatureBench PYTHON SCRIPT THREADS}.
 */
public final class CurvatureBench {
    private static final String WIDTHS = "784-100-10";
    private static final int EXAMPLES = 2000;
    private static final int CHUNK = 1000;
    private static final int REPEATS = 7;

    private CurvatureBench() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = Integer.parseInt(args[2]);
        TensorEngine.start(threads);
        Architecture arch = Architecture.parse("mlp:" + WIDTHS);
        SplittableRandom rng = Seeds.random(1, "bench");
        Dataset ds = BenchData.random(new int[] {arch.inputSize()}, arch.outputs(), EXAMPLES, rng);
        double gradMs;
        double hvMs;
        try (Network net = Network.initialise(arch, Activation.RELU, 0, Init.parse("torch"), 1, Precision.FLOAT32);
             NDManager memory = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(ds, memory, Precision.FLOAT32);
            ParameterBlock block = ParameterBlock.all(net);
            double[] v = new double[block.dim()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
            gradMs = median(() -> gradient(net, data));
            try (HessianOperator h = new HessianOperator(net, data, Loss.CROSS_ENTROPY, block, CHUNK)) {
                hvMs = median(() -> h.apply(v));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(args[0], args[1], "--widths", WIDTHS, "--examples", "" + EXAMPLES,
                "--chunk", "" + CHUNK, "--threads", "" + threads, "--repeats", "" + REPEATS))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "" + threads);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("PyTorch side failed");
        }
        JsonNode torch = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        double tGrad = torch.get("gradient_ms").asDouble();
        double tHv = torch.get("hvp_ms").asDouble();
        System.out.printf(Locale.ROOT, "engine %s, threads %d, MLP %s, %d examples in chunks of %d, median of %d%n",
                TensorEngine.description(), threads, WIDTHS, EXAMPLES, CHUNK, REPEATS);
        System.out.printf(Locale.ROOT, "%-10s %12s %12s %10s%n", "", "gradient ms", "Hv ms", "Hv/grad");
        System.out.printf(Locale.ROOT, "%-10s %12.2f %12.2f %10.2f%n", "gengeo", gradMs, hvMs, hvMs / gradMs);
        System.out.printf(Locale.ROOT, "%-10s %12.2f %12.2f %10.2f%n", "pytorch", tGrad, tHv, tHv / tGrad);
        System.out.printf(Locale.ROOT, "gengeo Hv / PyTorch Hv: %.3f%n", hvMs / tHv);
    }

    private static void gradient(Network net, DeviceData data) {
        List<NDArray> params = net.parameterList();
        for (int from = 0; from < EXAMPLES; from += CHUNK) {
            int to = Math.min(EXAMPLES, from + CHUNK);
            double share = (double) (to - from) / EXAMPLES;
            try (NDScope scope = new NDScope()) {
                Batch b = data.slice(from, to);
                Autograd.backward(() -> Loss.CROSS_ENTROPY.mean(net.forward(b.x(), ForwardPass.inference()), b.y()).mul(share));
            }
        }
        try (NDScope scope = new NDScope()) {
            Autograd.gradients(params).forEach(g -> g.sum().getFloat());
        }
        Autograd.clear(params);
    }

    private static double median(Runnable r) {
        return MedianTime.millis(2, REPEATS, r);
    }
}
