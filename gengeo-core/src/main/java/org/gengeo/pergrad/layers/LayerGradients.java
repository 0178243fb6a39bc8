package org.gengeo.pergrad.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Network;
import org.gengeo.pergrad.PerExampleRows;

/**
 * Per-example gradients of one layer type's parameters, from what one forward and one backward pass
 * of the summed loss show about the layer: its input x and the gradient g of the summed loss with
 * respect to its output (which for example i is the gradient of l_i alone, the examples being
 * independent in an inference pass). One class per layer type, as BackPACK's extensions have a module
 * per layer type; a layer type without a class here has its gradients taken by one backward pass per example.
 */
public sealed interface LayerGradients permits DenseGradients, ConvGradients, BatchNormGradients {
    /** ||g_{p,i}||^2 for each of the layer's parameters p (in {@link LayerSpec#parameters()} order), each of length m. */
    List<double[]> squaredNorms(NDArray input, NDArray outputGradient);

    /** The per-example gradients of each parameter, in {@link LayerSpec#parameters()} order, in the current scope. */
    List<PerExampleRows> rows(NDArray input, NDArray outputGradient);

    /** The rules for {@code layer}, or null for a layer type without an analytic form. */
    static LayerGradients of(LayerSpec layer, Network net) {
        if (layer instanceof LayerSpec.Dense d) {
            return new DenseGradients(d);
        }
        if (layer instanceof LayerSpec.Conv c) {
            return new ConvGradients(c);
        }
        if (layer instanceof LayerSpec.BatchNorm b) {
            return new BatchNormGradients(b, net);
        }
        return null;
    }

    /** sum_j x[i, j]^2 for every row i (any trailing shape). */
    static double[] rowSquares(NDArray x) {
        long rows = x.getShape().get(0);
        return org.gengeo.core.tensor.Tensors.doubles(x.reshape(rows, -1).square().sum(new int[] {1}));
    }
}
