package org.gengeo.measures.registry;

import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Architecture;

/**
 * The path norm of an MLP (Neyshabur, Tomioka and Srebro 2015; the "path.norm" of Jiang et al. 2020):
 * the sum over every path from an input to an output of the product of the squared weights along it,
 * sum_paths prod_l W_l[p_l, p_{l-1}]^2 = 1^T (W_d o W_d) ... (W_1 o W_1) 1, where o squares
 * elementwise; i.e. the network with squared weights, no biases and identity activations applied to
 * an all-ones input, outputs summed. Biases are not on input-output paths and are left out. Defined
 * here for dense layers only (max-pooling has no path decomposition).
 */
public final class PathNorm extends WeightMeasure {
    @Override
    public String name() {
        return "path-norm";
    }

    @Override
    public String description() {
        return "sum over input-output paths of the product of squared weights (Neyshabur et al. 2015); MLPs only";
    }

    @Override
    public String notApplicable(Architecture architecture) {
        return architecture.torchScript() != null ? "defined for MLPs, and an imported TorchScript module is opaque"
                : architecture.convolutional() ? "defined for MLPs only"
                : architecture.batchNorm() ? "defined for MLPs without batch norm" : null;
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        String reason = notApplicable(context.network().architecture());
        if (reason != null) {
            throw new GengeoException("path-norm is " + reason + ", not for " + context.network().architecture().spec());
        }
        return MeasureValue.of(of(context.weightMatrices()));
    }

    /** 1^T (W_d o W_d) ... (W_1 o W_1) 1 for dense weights [out, in] in layer order. */
    static double of(List<WeightMatrix> layers) {
        double[] v = new double[layers.get(0).cols()];
        java.util.Arrays.fill(v, 1);
        for (WeightMatrix w : layers) {
            double[] next = new double[w.rows()];
            for (int i = 0; i < w.rows(); i++) {
                double s = 0;
                for (int j = 0; j < w.cols(); j++) {
                    double x = w.values()[i * w.cols() + j];
                    s += x * x * v[j];
                }
                next[i] = s;
            }
            v = next;
        }
        double total = 0;
        for (double x : v) {
            total += x;
        }
        return total;
    }
}
