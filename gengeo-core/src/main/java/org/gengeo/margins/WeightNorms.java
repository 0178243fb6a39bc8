package org.gengeo.margins;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.BatchNormFolding;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Tensors;

/**
 * The normalising constant of the margin (Poggio, Liao, Banburski 2020; Banburski et al. 2021):
 * rho = prod_k ||W_k||_F over every dense and convolutional layer, kernels flattened (Frobenius,
 * not spectral). With {@code includeBias} each layer contributes the Frobenius norm of the augmented
 * matrix [W_k | b_k], i.e. sqrt(||W_k||_F^2 + ||b_k||^2). The product is returned as
 * log rho = sum_k log ||W_k||_F, accumulated in float64 so deep or wide nets neither under- nor overflow.
 * Batch norm is read as {@link BatchNormReading} says: folded W'_k (and b'_k), or ||gamma_k|| (and
 * ||[gamma_k | beta_k]||) in place of a batch-normalised layer's ||W_k||_F.
 */
public final class WeightNorms {
    private WeightNorms() {}

    /** log prod_k ||W_k||_F (or of [W_k | b_k] with {@code includeBias}), batch norm folded. */
    public static double logProduct(Network net, boolean includeBias) {
        return logProduct(net, includeBias, BatchNormReading.FOLD);
    }

    /** log rho under the given batch-norm reading (the same for both readings without batch norm). */
    public static double logProduct(Network net, boolean includeBias, BatchNormReading reading) {
        if (reading == BatchNormReading.FOLD && net.architecture().batchNorm()) {
            try (Network folded = BatchNormFolding.fold(net)) {
                return logProduct(folded, includeBias, reading);
            }
        }
        Map<String, NDArray> p = net.parameters();
        List<LayerSpec> layers = net.architecture().layers();
        double log = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String name = layer instanceof LayerSpec.Dense d ? "fc" + d.index()
                    : layer instanceof LayerSpec.Conv c ? "conv" + c.index() : null;
            if (name == null) {
                continue;
            }
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof LayerSpec.BatchNorm bn) {
                name = bn.name();
            }
            double sq = squaredNorm(p.get(name + ".weight"));
            NDArray bias = p.get(name + ".bias");
            if (includeBias && bias != null) {
                sq += squaredNorm(bias);
            }
            log += 0.5 * Math.log(sq);
        }
        return log;
    }

    private static double squaredNorm(NDArray a) {
        double s = 0;
        for (double v : Tensors.doubles(a)) {
            s += v * v;
        }
        return s;
    }
}
