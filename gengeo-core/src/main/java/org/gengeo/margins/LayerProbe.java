package org.gengeo.margins;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;

/**
 * An inference pass that adds a zero leaf to each activation the margin signature reads, so that
 * after one backward pass the leaf's gradient is the gradient with respect to that whole activation
 * tensor. For a chain of layers (MLP, plain CNN, VGG, NiN) these are the inputs of every dense and
 * convolutional layer, named by the layer they feed ({@code fc0}, {@code conv1}, ...). For a residual
 * network they are the network input (named by its first layer, {@code conv1}) and the output of each
 * residual stage ({@code layer1}, {@code layer2}, ...), as Jiang et al. (2019) take the input and the
 * output of each of ResNet-32's three stages: an input of a layer inside a block sees only the gradient
 * through its own branch, not through the shortcut, so it is not the gradient of the activation.
 * Layers come in forward order.
 */
final class LayerProbe extends ForwardPass {
    final Map<String, NDArray> activations = new LinkedHashMap<>();
    final Map<String, NDArray> zeros = new LinkedHashMap<>();
    private final boolean differentiate;
    private final boolean stages;

    private LayerProbe(boolean differentiate, boolean stages) {
        super(false, 0);
        this.differentiate = differentiate;
        this.stages = stages;
    }

    /** A probe of {@code net}'s signature activations; {@code differentiate} adds the zero leaves. */
    static LayerProbe of(Network net, boolean differentiate) {
        return new LayerProbe(differentiate, net.architecture().residual());
    }

    @Override
    public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
        return stages && !activations.isEmpty() ? a : probe(layer.name(), a);
    }

    @Override
    public NDArray stageOutput(String stage, NDArray h) {
        return stages ? probe(stage, h) : h;
    }

    private NDArray probe(String name, NDArray a) {
        activations.put(name, a);
        if (!differentiate) {
            return a;
        }
        NDArray zero = a.getManager().zeros(a.getShape(), a.getDataType());
        Autograd.track(zero, true);
        zeros.put(name, zero);
        return a.add(zero);
    }
}
