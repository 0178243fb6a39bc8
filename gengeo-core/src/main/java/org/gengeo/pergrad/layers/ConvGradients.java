package org.gengeo.pergrad.layers;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.tensor.Ops;
import org.gengeo.pergrad.PerExampleRows;

/**
 * Convolution z = W * a + b, batched over examples: g_W,i[o, c, u, v] = sum over output positions
 * (y, x) of D_i[o, y, x] apad_i[c, s y + u, s x + v], with D_i = dl_i/dz_i, which
 * {@link Ops#convWeightGradients} computes for every example in one grouped convolution (Rochette
 * et al. 2019), and g_b,i = the sum of D_i over positions. It equals the im2col form D_i U_i^T of
 * BackPACK and Opacus (U_i the unfolded input patches) without materialising U_i, which at c k k x L
 * per example costs more memory traffic than the product itself.
 */
record ConvGradients(LayerSpec.Conv layer) implements LayerGradients {
    @Override
    public List<double[]> squaredNorms(NDArray input, NDArray delta) {
        List<double[]> out = new ArrayList<>(List.of(LayerGradients.rowSquares(weightGradients(input, delta))));
        if (layer.bias()) {
            out.add(LayerGradients.rowSquares(biasGradients(delta)));
        }
        return out;
    }

    @Override
    public List<PerExampleRows> rows(NDArray input, NDArray delta) {
        List<PerExampleRows> out = new ArrayList<>(List.of(new PerExampleRows.Explicit(weightGradients(input, delta))));
        if (layer.bias()) {
            out.add(new PerExampleRows.Explicit(biasGradients(delta)));
        }
        return out;
    }

    private NDArray weightGradients(NDArray input, NDArray delta) {
        return Ops.convWeightGradients(input.stopGradient(), delta, layer.kernel(), layer.stride(), layer.padding());
    }

    private static NDArray biasGradients(NDArray delta) {
        return delta.sum(new int[] {2, 3});
    }
}
