package org.gengeo.margins;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Tensors;

/**
 * Per-example margins from one inference pass (dropout off) in chunks. Multiclass:
 * m = f_y(x) - max_{j != y} f_j(x), computed as f_y minus the maximum of the logits with f_y set to
 * -infinity; one output (logistic model, labels 0/1): m = (2 y - 1) f(x). The normalised margin
 * (Poggio et al. 2020, Banburski et al. 2021) is m / prod_k ||W_k||_F, the margin of the network
 * with every layer scaled to unit Frobenius norm, which for a bias-free ReLU network is invariant to
 * rescaling the layers. m > 0 exactly when the example is classified correctly. Batch norm runs in
 * evaluation mode (running statistics); {@link BatchNormReading} says how it enters rho.
 */
public final class Margins {
    /** Examples per forward pass. */
    public static final int CHUNK = 2000;

    private Margins() {}

    /** Raw and normalised margins of every example of {@code data} (batch norm folded). */
    public static ExampleMargins of(Network net, DeviceData data, boolean includeBias) {
        return of(net, data, includeBias, BatchNormReading.FOLD);
    }

    /** Raw and normalised margins of every example of {@code data}, rho read as {@code reading} says for batch norm. */
    public static ExampleMargins of(Network net, DeviceData data, boolean includeBias, BatchNormReading reading) {
        double[] raw = raw(net, data);
        double logRho = WeightNorms.logProduct(net, includeBias, reading);
        double scale = Math.exp(-logRho);
        double[] normalised = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            normalised[i] = raw[i] * scale;
        }
        return new ExampleMargins(raw, normalised, logRho, includeBias);
    }

    /** The unnormalised margins f_y - max_{j != y} f_j (or (2y - 1) f for one output). */
    public static double[] raw(Network net, DeviceData data) {
        double[] out = new double[data.size()];
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            try (NDScope scope = new NDScope()) {
                Batch b = data.slice(from, to);
                double[] m = Tensors.doubles(of(net.forward(b.x(), ForwardPass.inference()), b.y()));
                System.arraycopy(m, 0, out, from, m.length);
            }
        }
        return out;
    }

    /** The unnormalised margins of the examples of {@code data} at {@code indices}, in that order. */
    public static double[] raw(Network net, DeviceData data, int[] indices) {
        double[] out = new double[indices.length];
        for (int from = 0; from < indices.length; from += CHUNK) {
            int to = Math.min(indices.length, from + CHUNK);
            long[] idx = new long[to - from];
            for (int i = from; i < to; i++) {
                idx[i - from] = indices[i];
            }
            try (NDScope scope = new NDScope()) {
                Batch b = data.gather(idx);
                double[] m = Tensors.doubles(of(net.forward(b.x(), ForwardPass.inference()), b.y()));
                System.arraycopy(m, 0, out, from, m.length);
            }
        }
        return out;
    }

    /** Margins [n] of logits [n, k] for labels [n] (int64), as an engine array (differentiable). */
    public static NDArray of(NDArray logits, NDArray labels) {
        long n = logits.getShape().get(0);
        if (logits.getShape().get(1) == 1) {
            NDArray sign = labels.toType(logits.getDataType(), false).mul(2).sub(1);
            return logits.reshape(n).mul(sign);
        }
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1)).toType(DataType.BOOLEAN, false);
        NDArray fy = logits.gather(labels.reshape(n, 1), 1).reshape(n);
        NDArray others = logits.stopGradient().duplicate();
        others.set(oneHot, Double.NEGATIVE_INFINITY);
        NDArray runnerUp = others.argMax(1).reshape(n, 1);
        return fy.sub(logits.gather(runnerUp, 1).reshape(n));
    }
}
