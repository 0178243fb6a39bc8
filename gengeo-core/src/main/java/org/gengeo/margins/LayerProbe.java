package org.gengeo.margins;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.tensor.Autograd;

/**
 * An inference pass that adds a zero leaf to the input of every dense and convolutional layer, so
 * that after one backward pass the leaf's gradient is the gradient with respect to that layer's
 * input activation (the network input for the first layer, the hidden activations after it).
 * The layers are named by the layer they feed ({@code fc0}, {@code conv1}, ...), in forward order.
 */
final class LayerProbe extends ForwardPass {
    final Map<String, NDArray> activations = new LinkedHashMap<>();
    final Map<String, NDArray> zeros = new LinkedHashMap<>();
    private final boolean differentiate;

    LayerProbe(boolean differentiate) {
        super(false, 0);
        this.differentiate = differentiate;
    }

    @Override
    public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
        activations.put(layer.name(), a);
        if (!differentiate) {
            return a;
        }
        NDArray zero = a.getManager().zeros(a.getShape(), a.getDataType());
        Autograd.track(zero, true);
        zeros.put(layer.name(), zero);
        return a.add(zero);
    }
}
