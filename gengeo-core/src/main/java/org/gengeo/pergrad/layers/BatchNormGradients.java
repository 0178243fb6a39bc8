package org.gengeo.pergrad.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gengeo.core.model.BatchNorm;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Network;
import org.gengeo.pergrad.PerExampleRows;

/**
 * Batch norm in evaluation mode, y = gamma xhat + beta with xhat = (z - running_mean) / sqrt(running_var + eps)
 * per channel: examples are independent, and with g_i = dl_i/dy_i the gradients are
 * g_gamma,i = sum over positions of g_i xhat_i and g_beta,i = sum over positions of g_i. (In training
 * mode the batch statistics couple the examples and there are no per-example gradients.)
 */
record BatchNormGradients(LayerSpec.BatchNorm layer, Network net) implements LayerGradients {
    @Override
    public List<double[]> squaredNorms(NDArray input, NDArray g) {
        NDArray[] rows = gammaBeta(input, g);
        return List.of(LayerGradients.rowSquares(rows[0]), LayerGradients.rowSquares(rows[1]));
    }

    @Override
    public List<PerExampleRows> rows(NDArray input, NDArray g) {
        NDArray[] rows = gammaBeta(input, g);
        return List.of(new PerExampleRows.Explicit(rows[0]), new PerExampleRows.Explicit(rows[1]));
    }

    private NDArray[] gammaBeta(NDArray z, NDArray g) {
        long n = z.getShape().get(0);
        long c = layer.channels();
        NDArray mean = net.buffers().get(layer.name() + BatchNorm.RUNNING_MEAN);
        NDArray var = net.buffers().get(layer.name() + BatchNorm.RUNNING_VAR);
        NDArray zz = z.stopGradient().reshape(n, c, -1);
        NDArray xhat = zz.sub(mean.reshape(1, c, 1)).div(var.add(BatchNorm.EPS).sqrt().reshape(1, c, 1));
        NDArray gg = g.reshape(n, c, -1);
        return new NDArray[] {gg.mul(xhat).sum(new int[] {2}), gg.sum(new int[] {2})};
    }
}
