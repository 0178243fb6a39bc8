package org.gengeo.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.gengeo.core.data.DataConfig;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.curvature.Eigenpairs;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.Lanczos;
import org.gengeo.curvature.ParameterBlock;

/**
 * Memory check: the top 10 Hessian eigenvalues of an MLP 784-512-512-10 (He initialisation,
 * float32) over all 60,000 Fashion-MNIST training images, in chunks of 1,000, by Lanczos to relative
 * residual 1e-3. Prints the eigenvalues, products, wall time and the peak resident memory (VmHWM).
 */
public final class LargeHessianBench {
    private LargeHessianBench() {}

    public static void main(String[] args) throws Exception {
        TensorEngine.start(Integer.parseInt(args.length > 0 ? args[0] : "2"));
        Dataset train = DataSources.load(new DataConfig("fashion-mnist", null, null, null, null, false, 0, false, 0, false, 0)).train();
        long t0 = System.nanoTime();
        try (Network net = Network.initialise(Architecture.parse("mlp:784-512-512-10"), Activation.RELU, 0, Init.parse("he"), 0,
                Precision.FLOAT32);
             NDManager memory = TensorEngine.newManager();
             HessianOperator h = new HessianOperator(net, new DeviceData(train, memory, Precision.FLOAT32), Loss.CROSS_ENTROPY,
                     ParameterBlock.all(net), 1000)) {
            Eigenpairs e = Lanczos.extremes(h, 10, 0, 200, 1e-3, 0);
            System.out.printf(Locale.ROOT, "%d examples, %d parameters, top-10 %s%n", train.size(), h.dim(), Arrays.toString(e.values()));
            System.out.printf(Locale.ROOT, "%d Hessian-vector products in %.1f s; peak resident memory %s%n", h.applications(),
                    (System.nanoTime() - t0) / 1e9, peak());
        }
    }

    private static String peak() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
