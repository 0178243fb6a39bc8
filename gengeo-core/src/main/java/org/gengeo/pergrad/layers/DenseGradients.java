package org.gengeo.pergrad.layers;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.pergrad.PerExampleRows;

/**
 * Dense layer z = W a + b (Goodfellow 2015, "Efficient per-example gradient computations"): the
 * gradient of example i is g_W,i = delta_i a_i^T and g_b,i = delta_i, so
 * ||g_W,i||^2 = ||a_i||^2 ||delta_i||^2 and ||g_b,i||^2 = ||delta_i||^2, with delta_i = dl_i/dz_i.
 */
record DenseGradients(LayerSpec.Dense layer) implements LayerGradients {
    @Override
    public List<double[]> squaredNorms(NDArray input, NDArray delta) {
        double[] d2 = LayerGradients.rowSquares(delta);
        double[] a2 = LayerGradients.rowSquares(input);
        double[] w = new double[d2.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = d2[i] * a2[i];
        }
        List<double[]> out = new ArrayList<>(List.of(w));
        if (layer.bias()) {
            out.add(d2);
        }
        return out;
    }

    @Override
    public List<PerExampleRows> rows(NDArray input, NDArray delta) {
        List<PerExampleRows> out = new ArrayList<>(List.of(new PerExampleRows.Outer(delta.duplicate(), input.stopGradient())));
        if (layer.bias()) {
            out.add(new PerExampleRows.Explicit(delta.duplicate()));
        }
        return out;
    }
}
