package org.gengeo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gengeo.core.data.DataConfig;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.measures.EmpiricalNngpKernel;
import org.gengeo.nngp.ExpectationPropagation;
import org.gengeo.nngp.LaplaceApproximation;
import org.gengeo.nngp.MarginalLikelihood;
import org.gengeo.nngp.MlpKernel;

/**
 * Timings of the volume measure: (1) log P(f) on N binary Fashion-MNIST images (the embedded
 * subset, classes 0-4 vs 5-9, true labels): the analytic ReLU NNGP kernel of a 784-40-40-1 MLP,
 * EP (sweeps to converge) and Laplace; (2) the empirical NNGP kernel of the same MLP from M random
 * networks on N random inputs, here and in PyTorch for Python (python/nngp_empirical.py) at the same
 * thread count, with their ratio. Usage: {@code VolumeBench PYTHON SCRIPT THREADS [N] [M]}.
 */
public final class VolumeBench {
    private VolumeBench() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: VolumeBench PYTHON SCRIPT THREADS [POINTS] [NETWORKS]");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[2]);
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 1500;
        int m = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        TensorEngine.start(threads);
        System.out.printf(Locale.ROOT, "engine: %s, threads %d, cores %d%n", TensorEngine.description(), threads,
                Runtime.getRuntime().availableProcessors());
        Dataset data = DataSources.load(new DataConfig("fashion-mnist-embedded", null, n, 10, null, true, 0, false, 0, false, 0)).train();
        int[] y = IntStream.of(data.labels()).map(l -> l == 1 ? 1 : -1).toArray();
        long t0 = System.nanoTime();
        double[][] k = new MlpKernel(MlpKernel.Nonlinearity.RELU, 2, 1, 2).matrix(data.features(), data.size(), data.featureSize());
        long t1 = System.nanoTime();
        MarginalLikelihood ep = ExpectationPropagation.defaults().logMarginal(k, y);
        long t2 = System.nanoTime();
        MarginalLikelihood lap = LaplaceApproximation.defaults().logMarginal(k, y);
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "log P(f), n = %d: kernel %.2f s, EP %.2f s (%d sweeps, converged %s, log10 P = %.3f), "
                + "total %.2f s; Laplace %.2f s (%d steps, log10 P = %.3f)%n", data.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                ep.iterations(), ep.converged(), ep.log10Z(), (t2 - t0) / 1e9, (t3 - t2) / 1e9, lap.iterations(), lap.log10Z());

        float[] x = new float[n * 784];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        Dataset random = new Dataset("uniform", new int[] {784}, x, new int[n], 2);
        EmpiricalNngpKernel.estimate(Architecture.parse("mlp:784-40-40-1"), Activation.RELU, Init.parse("he"), random, 50, 0,
                Precision.FLOAT32);
        EmpiricalNngpKernel.Estimate e = EmpiricalNngpKernel.estimate(Architecture.parse("mlp:784-40-40-1"), Activation.RELU,
                Init.parse("he"), random, m, 0, Precision.FLOAT32);
        JsonNode theirs = pytorch(args[0], args[1], n, m, threads);
        double ref = theirs.get("seconds").asDouble();
        System.out.printf(Locale.ROOT, "empirical NNGP kernel, %d points x %d networks: gengeo %.2f s (mean relative s.e. %.4f), "
                + "PyTorch %.2f s, ratio %.2f%n", n, m, e.wallS(), e.meanRelativeError(), ref, e.wallS() / ref);
    }

    private static JsonNode pytorch(String python, String script, int n, int m, int threads) throws IOException, InterruptedException {
        List<String> cmd = List.of(python, script, "--points", Integer.toString(n), "--networks", Integer.toString(m),
                "--threads", Integer.toString(threads));
        return PythonSide.run(cmd, threads);
    }
}
