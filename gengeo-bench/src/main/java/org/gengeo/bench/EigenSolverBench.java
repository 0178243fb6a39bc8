package org.gengeo.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.curvature.Eigenpairs;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.Lanczos;
import org.gengeo.curvature.ParameterBlock;
import org.gengeo.curvature.PowerIteration;
import org.gengeo.curvature.SymmetricOperator;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;

/**
 * Hessian-vector products needed to reach the top 10 eigenvalues at relative error 1e-3: Lanczos
 * (full reorthogonalisation) against power iteration with deflation (PyHessian's method), on the
 * Hessian of an MLP 784-100-10 trained for 5 epochs on the embedded Fashion-MNIST subset, over
 * 1,000 training examples, float64. The reference values are Lanczos run to residual 1e-10.
 */
public final class EigenSolverBench {
    private static final int K = 10;
    private static final double TARGET = 1e-3;

    private EigenSolverBench() {}

    /** Counts products. */
    private static final class Counting implements SymmetricOperator {
        private final SymmetricOperator inner;
        private long count;

        Counting(SymmetricOperator inner) {
            this.inner = inner;
        }

        @Override
        public int dim() {
            return inner.dim();
        }

        @Override
        public double[] apply(double[] v) {
            count++;
            return inner.apply(v);
        }
    }

    public static void main(String[] args) throws Exception {
        TensorEngine.start(Integer.parseInt(args.length > 0 ? args[0] : "1"));
        Path dir = Files.createTempDirectory("gengeo-eig");
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "fashion-mnist-embedded", "epochs", 5,
                "threads", TensorEngine.threads()));
        Trainer.train(config, dir.resolve("run"), "bench", TrainingListener.NONE);
        Dataset train = DataSources.load(config.dataConfig()).train();
        Dataset sample = train.select(java.util.stream.IntStream.range(0, 1000).toArray());
        try (Network net = NetworkFiles.load(dir.resolve("run/model.safetensors"), Precision.FLOAT64);
             NDManager memory = TensorEngine.newManager();
             HessianOperator h = new HessianOperator(net, new DeviceData(sample, memory, Precision.FLOAT64), Loss.CROSS_ENTROPY,
                     ParameterBlock.all(net), 1000)) {
            double[] reference = Lanczos.extremes(h, K, 0, 400, 1e-10, 7).values();
            System.out.printf(Locale.ROOT, "reference top-%d: %s%n", K, Arrays.toString(reference));
            long lanczos = -1;
            for (int m = K; m <= 400 && lanczos < 0; m += 2) {
                Counting c = new Counting(h);
                double[] got = Lanczos.extremes(c, K, 0, m, 1e-300, 1).values();
                if (maxRelError(got, reference) <= TARGET) {
                    lanczos = c.count;
                }
            }
            long power = -1;
            double powerError = Double.NaN;
            for (double tol : new double[] {1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5}) {
                Counting c = new Counting(h);
                double[] got = PowerIteration.top(c, K, 1000, tol, 1).values();
                powerError = maxRelError(got, reference);
                if (powerError <= TARGET) {
                    power = c.count;
                    System.out.printf(Locale.ROOT, "power iteration: tol %.0e reaches max relative error %.2e%n", tol, powerError);
                    break;
                }
            }
            System.out.printf(Locale.ROOT, "products to reach relative error %.0e on the top %d: Lanczos %d, power %d, ratio %.3f%n",
                    TARGET, K, lanczos, power, (double) lanczos / power);
        }
    }

    private static double maxRelError(double[] got, double[] reference) {
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - reference[i]) / Math.abs(reference[i]));
        }
        return worst;
    }
}
