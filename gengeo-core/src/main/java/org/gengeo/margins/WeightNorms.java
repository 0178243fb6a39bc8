package org.gengeo.margins;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.Architecture;
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

    /**
     * log rho under the given batch-norm reading (the same for both readings without batch norm).
     * A residual network is not a chain of positively homogeneous layers, so the product over its
     * layers does not normalise its margin; with a batch norm after every convolution (as in every
     * residual spec here) the logits do not depend on the scale of any convolution, and the only
     * rescaling they follow exactly is that of the layers after the last batch norm (the final dense
     * layer {@code fc}): for residual networks rho is the product over those layers under either reading.
     */
    public static double logProduct(Network net, boolean includeBias, BatchNormReading reading) {
        Architecture arch = net.architecture();
        if (arch.residual()) {
            return logProduct(net, afterLastNorm(arch), Map.of(), includeBias);
        }
        if (reading == BatchNormReading.FOLD && arch.batchNorm()) {
            try (Network folded = BatchNormFolding.fold(net)) {
                return logProduct(folded, includeBias, reading);
            }
        }
        return logProduct(net, arch.weightedLayers(), arch.normalisedLayers(), includeBias);
    }

    /** The layers that follow the last batch norm in forward order (all of them without batch norm). */
    private static List<LayerSpec.Weighted> afterLastNorm(Architecture arch) {
        List<LayerSpec> all = arch.allLayers();
        int lastNorm = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof LayerSpec.BatchNorm) {
                lastNorm = i;
            }
        }
        List<LayerSpec.Weighted> out = new ArrayList<>();
        for (int i = lastNorm + 1; i < all.size(); i++) {
            if (all.get(i) instanceof LayerSpec.Weighted w) {
                out.add(w);
            }
        }
        return out;
    }

    /** sum over {@code layers} of log ||W_k||_F, a normalised layer's gamma in place of its weight. */
    private static double logProduct(Network net, List<LayerSpec.Weighted> layers, Map<LayerSpec.Weighted, LayerSpec.BatchNorm> norms,
                                     boolean includeBias) {
        Map<String, NDArray> p = net.parameters();
        double log = 0;
        for (LayerSpec.Weighted layer : layers) {
            LayerSpec.BatchNorm bn = norms.get(layer);
            String name = bn != null ? bn.name() : layer.name();
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
