package org.gengeo.pergrad.layers;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.tensor.Ops;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.pergrad.PerExampleRows;

/**
 * Convolution z = W * a + b, batched over examples (the im2col form used by BackPACK and Opacus): with
 * U_i = unfold(a_i) [c k k, L] the input patches of example i at its L output positions and
 * D_i = dl_i/dz_i reshaped to [out, L], the gradient is g_W,i = D_i U_i^T ([out, c k k], the weight's
 * layout) and g_b,i = D_i 1 (the sum over positions). Its squared norm is taken from the product when
 * that is smaller, or without forming it through the Gram matrices,
 * ||D_i U_i^T||_F^2 = sum_{l,l'} (D_i^T D_i)_{l l'} (U_i^T U_i)_{l l'}, when L^2 &lt; out c k k.
 */
record ConvGradients(LayerSpec.Conv layer) implements LayerGradients {
    @Override
    public List<double[]> squaredNorms(NDArray input, NDArray delta) {
        long n = delta.getShape().get(0);
        NDArray d = delta.reshape(n, layer.out(), -1);
        NDArray u = Ops.unfold(input.stopGradient(), layer.kernel(), layer.stride(), layer.padding());
        long positions = d.getShape().get(2);
        long patch = u.getShape().get(1);
        double[] w;
        if (positions * positions < layer.out() * patch) {
            NDArray dd = d.transpose(0, 2, 1).matMul(d);
            NDArray uu = u.transpose(0, 2, 1).matMul(u);
            w = Tensors.doubles(dd.mul(uu).reshape(n, -1).sum(new int[] {1}));
        } else {
            w = LayerGradients.rowSquares(d.matMul(u.transpose(0, 2, 1)));
        }
        List<double[]> out = new ArrayList<>(List.of(w));
        if (layer.bias()) {
            out.add(LayerGradients.rowSquares(d.sum(new int[] {2})));
        }
        return out;
    }

    @Override
    public List<PerExampleRows> rows(NDArray input, NDArray delta) {
        long n = delta.getShape().get(0);
        NDArray d = delta.reshape(n, layer.out(), -1);
        NDArray u = Ops.unfold(input.stopGradient(), layer.kernel(), layer.stride(), layer.padding());
        long[] shape = layer.weightShape();
        NDArray g = d.matMul(u.transpose(0, 2, 1)).reshape(n, shape[0], shape[1], shape[2], shape[3]);
        List<PerExampleRows> out = new ArrayList<>(List.of(new PerExampleRows.Explicit(g)));
        if (layer.bias()) {
            out.add(new PerExampleRows.Explicit(d.sum(new int[] {2})));
        }
        return out;
    }
}
