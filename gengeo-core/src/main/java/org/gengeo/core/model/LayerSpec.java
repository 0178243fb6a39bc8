package org.gengeo.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gengeo.core.script.TorchScriptModule;

/**
 * One layer of an {@link Architecture}, with its size fixed by the spec string. Layers with
 * parameters carry their PyTorch module path as {@code name} ({@code fc0}, {@code conv1},
 * {@code layer2.0.downsample.0}, {@code features.4}), so that parameter {@code W} of a layer is the
 * tensor {@code name + ".weight"}, exactly as in the {@code state_dict()} of the PyTorch module the
 * spec describes. Each layer type lists its own parameters and buffers ({@link #parameters},
 * {@link #buffers}); {@link Network} runs them and the measures dispatch on the type, never on a name.
 */
public sealed interface LayerSpec {
    /** The trained tensors of this layer, in PyTorch's order (weight, then bias); none by default. */
    default List<Network.ParameterShape> parameters() {
        return List.of();
    }

    /** The saved, untrained tensors of this layer (batch-norm running statistics); none by default. */
    default List<Network.ParameterShape> buffers() {
        return List.of();
    }

    /** A layer with a weight matrix: dense or convolution. */
    sealed interface Weighted extends LayerSpec {
        /** Module path; the weight is {@code name + ".weight"}, the bias {@code name + ".bias"}. */
        String name();

        /** Input features (dense) or channels (convolution). */
        int in();

        /** Output features or channels. */
        int out();

        /** Whether the layer has a bias. */
        boolean bias();

        /** Shape of the weight tensor. */
        long[] weightShape();

        /** PyTorch's fan-in: in, or in * k * k. */
        int fanIn();

        /** PyTorch's fan-out: out, or out * k * k. */
        int fanOut();

        /** The weight tensor's name. */
        default String weight() {
            return name() + ".weight";
        }

        @Override
        default List<Network.ParameterShape> parameters() {
            List<Network.ParameterShape> out = new ArrayList<>();
            out.add(new Network.ParameterShape(weight(), weightShape(), fanIn(), fanOut(), Network.Role.WEIGHT));
            if (bias()) {
                out.add(new Network.ParameterShape(name() + ".bias", new long[] {out()}, fanIn(), fanOut(), Network.Role.BIAS));
            }
            return out;
        }
    }

    /** Dense layer: y = x W^T + b, W of shape [out, in] (torch.nn.Linear). */
    record Dense(String name, int in, int out, boolean bias) implements Weighted {
        @Override
        public long[] weightShape() {
            return new long[] {out, in};
        }

        @Override
        public int fanIn() {
            return in;
        }

        @Override
        public int fanOut() {
            return out;
        }
    }

    /**
     * Convolution (torch.nn.Conv2d): weight [out, in, k, k], given stride and zero padding;
     * maps [in, h, w] to [out, (h + 2p - k) / s + 1, (w + 2p - k) / s + 1].
     */
    record Conv(String name, int in, int out, int kernel, int stride, int padding, boolean bias) implements Weighted {
        @Override
        public long[] weightShape() {
            return new long[] {out, in, kernel, kernel};
        }

        @Override
        public int fanIn() {
            return in * kernel * kernel;
        }

        @Override
        public int fanOut() {
            return out * kernel * kernel;
        }
    }

    /**
     * Batch normalisation over {@code channels} features (PyTorch's BatchNorm1d on [n, C], BatchNorm2d
     * on [n, C, h, w], where statistics also run over h and w); see {@link BatchNorm}. Parameters
     * {@code name.weight} (gamma) and {@code name.bias} (beta), buffers {@code name.running_mean} and
     * {@code name.running_var}.
     */
    record BatchNorm(String name, int channels) implements LayerSpec {
        @Override
        public List<Network.ParameterShape> parameters() {
            long[] shape = {channels};
            return List.of(new Network.ParameterShape(name + ".weight", shape, channels, channels, Network.Role.NORM_SCALE),
                    new Network.ParameterShape(name + ".bias", shape, channels, channels, Network.Role.NORM_SHIFT));
        }

        @Override
        public List<Network.ParameterShape> buffers() {
            long[] shape = {channels};
            return List.of(new Network.ParameterShape(name + org.gengeo.core.model.BatchNorm.RUNNING_MEAN, shape, channels, channels,
                            Network.Role.BUFFER),
                    new Network.ParameterShape(name + org.gengeo.core.model.BatchNorm.RUNNING_VAR, shape, channels, channels,
                            Network.Role.BUFFER));
        }
    }

    /** The network's element-wise non-linearity ({@link Activation}: ReLU unless the run says tanh). */
    record Nonlinearity() implements LayerSpec {}

    /** Inverted dropout with the network's rate p (keep probability 1 - p), only in a training pass. */
    record Dropout() implements LayerSpec {}

    /** Max pooling over k x k windows with stride s and zero padding p (floor mode, torch.nn.MaxPool2d). */
    record MaxPool(int kernel, int stride, int padding) implements LayerSpec {}

    /** Mean over the spatial positions, [n, C, h, w] to [n, C] (torch.nn.AdaptiveAvgPool2d(1), then flatten). */
    record GlobalAvgPool() implements LayerSpec {}

    /** Flattens [c, h, w] to c*h*w, row-major, as torch.flatten(x, 1). */
    record Flatten() implements LayerSpec {}

    /**
     * A residual connection (He et al. 2016): y = body(x) + shortcut(x), the shortcut the identity when
     * its list is empty (else, e.g., a 1x1 convolution and a batch norm where the shape changes).
     */
    record Residual(List<LayerSpec> body, List<LayerSpec> shortcut) implements LayerSpec {
        /** Immutable copies. */
        public Residual {
            body = List.copyOf(body);
            shortcut = List.copyOf(shortcut);
        }

        /**
         * The stage this block belongs to: its module path without the block index, as torchvision names
         * them ({@code layer2} for block {@code layer2.0}, whose first layer is {@code layer2.0.conv1}).
         */
        public String stage() {
            String first = body.stream().filter(l -> l instanceof Weighted).map(l -> ((Weighted) l).name()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("a residual block without a weighted layer"));
            String block = first.substring(0, Math.max(0, first.lastIndexOf('.')));
            return block.substring(0, Math.max(0, block.lastIndexOf('.')));
        }
    }

    /**
     * A TorchScript module as one opaque layer ({@link TorchScriptModule}): input [n, ...] to logits
     * [n, outputs], its parameters the module's live tensors under its own {@code named_parameters()}
     * names. Its inner structure is unknown, so roles go by rank: a tensor of rank 2 or more is a
     * {@link Network.Role#WEIGHT}, any other a {@link Network.Role#BIAS}; fans are the product of the
     * dimensions after the first (rank >= 2) and the first dimension. Its buffers stay inside the
     * module ({@link TorchScriptModule#stateDict()} reads them).
     */
    record TorchScript(TorchScriptModule module, int outputs) implements LayerSpec {
        @Override
        public List<Network.ParameterShape> parameters() {
            List<Network.ParameterShape> out = new ArrayList<>();
            module.parameters().forEach((name, p) -> {
                long[] shape = p.getShape().getShape();
                int fanOut = shape.length == 0 ? 1 : (int) shape[0];
                int fanIn = (int) (shape.length < 2 ? 1 : p.size() / shape[0]);
                out.add(new Network.ParameterShape(name, shape, fanIn, fanOut,
                        shape.length >= 2 ? Network.Role.WEIGHT : Network.Role.BIAS));
            });
            return out;
        }
    }

    /** Visits every layer of {@code layers} in forward order, descending into residual bodies, then shortcuts. */
    static void walk(List<LayerSpec> layers, Consumer<LayerSpec> visitor) {
        for (LayerSpec l : layers) {
            visitor.accept(l);
            if (l instanceof Residual r) {
                walk(r.body(), visitor);
                walk(r.shortcut(), visitor);
            }
        }
    }
}
