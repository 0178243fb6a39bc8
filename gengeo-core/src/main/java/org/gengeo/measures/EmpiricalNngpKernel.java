package org.gengeo.measures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;

/**
 * The empirical NNGP kernel of any gengeo architecture (Novak et al. 2019, "Bayesian deep
 * convolutional networks with many channels are Gaussian processes"; Zhang et al. 2021 use it for
 * CNNs): K(x, x') = E_theta[f(x; theta) f(x'; theta)] over the initialisation distribution, estimated
 * by the mean over {@code samples} randomly initialised networks (network s drawn with seed
 * {@code Seeds.derive(seed, "nngp", s)}; every output unit counts as one sample). The standard error
 * of each entry is sqrt((mean of f_i^2 f_j^2 - K_ij^2) / (N - 1)).
 *
 * <p>Outputs of a group of networks are stacked as the columns of F [n, G] and accumulated as
 * F F^T and (F o F)(F o F)^T by the engine's matrix product, in float64.
 */
public final class EmpiricalNngpKernel {
    /** Networks whose outputs are stacked into one matrix product. */
    private static final int GROUP = 50;

    private EmpiricalNngpKernel() {}

    /**
     * The estimate.
     *
     * @param kernel        mean of f(x_i) f(x_j), n x n
     * @param standardError standard error of each entry
     * @param samples       number of output samples averaged (networks x outputs)
     * @param wallS         seconds spent
     */
    public record Estimate(double[][] kernel, double[][] standardError, long samples, double wallS) {
        /** Mean over entries of the standard error relative to the kernel's mean diagonal. */
        public double meanRelativeError() {
            int n = kernel.length;
            double diag = 0;
            double se = 0;
            for (int i = 0; i < n; i++) {
                diag += kernel[i][i] / n;
                for (int j = 0; j < n; j++) {
                    se += standardError[i][j] / ((double) n * n);
                }
            }
            return se / diag;
        }
    }

    /** Estimates the kernel of {@code arch} with {@code activation} and {@code init} on the examples of {@code data}. */
    public static Estimate estimate(Architecture arch, Activation activation, Init init, Dataset data, int networks, long seed,
                                    Precision precision) {
        if (networks < 2) {
            throw new GengeoException("the empirical NNGP kernel needs at least 2 networks, got " + networks);
        }
        long start = System.nanoTime();
        int n = data.size();
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData x = new DeviceData(data, memory, precision);
            NDArray inputs = x.slice(0, n).x();
            NDArray first = memory.zeros(new ai.djl.ndarray.types.Shape(n, n), DataType.FLOAT64);
            NDArray second = memory.zeros(new ai.djl.ndarray.types.Shape(n, n), DataType.FLOAT64);
            for (int from = 0; from < networks; from += GROUP) {
                int to = Math.min(networks, from + GROUP);
                try (NDScope scope = new NDScope()) {
                    List<NDArray> outputs = new ArrayList<>();
                    for (int s = from; s < to; s++) {
                        try (Network net = Network.initialise(arch, activation, 0, init, Seeds.derive(seed, "nngp", s), precision)) {
                            NDArray f = net.forward(inputs, ForwardPass.inference()).toType(DataType.FLOAT64, false);
                            NDScope.unregister(f);
                            outputs.add(f);
                        }
                    }
                    NDArray stacked = NDArrays.concat(new ai.djl.ndarray.NDList(outputs), 1);
                    for (NDArray o : outputs) {
                        o.close();
                    }
                    NDArray squared = stacked.mul(stacked);
                    first.addi(stacked.matMul(stacked.transpose()));
                    second.addi(squared.matMul(squared.transpose()));
                }
            }
            long samples = (long) networks * arch.outputs();
            double[] k = first.div(samples).toDoubleArray();
            double[] m2 = second.div(samples).toDoubleArray();
            double[][] kernel = new double[n][n];
            double[][] se = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double kij = k[i * n + j];
                    kernel[i][j] = kij;
                    se[i][j] = Math.sqrt(Math.max(0, m2[i * n + j] - kij * kij) / (samples - 1));
                }
            }
            return new Estimate(kernel, se, samples, (System.nanoTime() - start) / 1e9);
        }
    }
}
