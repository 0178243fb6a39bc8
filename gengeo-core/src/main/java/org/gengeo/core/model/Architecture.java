package org.gengeo.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;

/**
 * A network architecture parsed from its short spec string, the form stored in every model file
 * so that any saved model can be rebuilt.
 *
 * <p>Grammar of the chain families ({@link ChainSpecs}):
 * <pre>
 *   spec    := (mlp | cnn) [":nobias"] [":bn"]     (the two options in either order)
 *   mlp     := "mlp:" IN ("-" WIDTH)+                 e.g. mlp:784-100-10
 *   cnn     := "cnn:" C "x" H "x" W ("-" layer)+      e.g. cnn:1x28x28-c16k5p2-m2-c32k5p2-m2-100-10
 *   layer   := "c" OUT "k" K ["s" S] ["p" P]   convolution (stride S, default 1; zero padding P, default 0)
 *            | "m" K                            max-pool K x K with stride K
 *            | WIDTH                            dense layer; a flatten precedes the first one
 * </pre>
 * Every convolution and every dense layer but the last is followed by the activation (and, for
 * dense layers, by dropout when training with it). The last layer must be dense; its width is the
 * number of outputs (1 means a binary model trained with the logistic loss). {@code :nobias}
 * removes every bias. {@code :bn} puts a batch normalisation ({@link LayerSpec.BatchNorm}) after
 * every convolution and every dense layer but the last, before its activation (Ioffe and Szegedy
 * 2015), e.g. {@code mlp:784-100-100-10:bn}.
 *
 * <p>Named families with {@code :key=value} options: residual networks {@code resnet20} ...
 * {@code resnet110}, {@code resnet18}, {@code resnet34} ({@link ResNetSpecs}), {@code vgg11_bn},
 * {@code vgg16_bn}, ... ({@link VggSpecs}) and {@code nin} ({@link NinSpecs}).
 */
public record Architecture(String spec, int[] inputShape, List<LayerSpec> layers) {
    /** Immutable layers. */
    public Architecture {
        layers = List.copyOf(layers);
    }

    /** Parses a spec string; a malformed one is a {@link GengeoException} naming the bad part. */
    public static Architecture parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new GengeoException("empty model spec (expected e.g. mlp:784-100-10 or resnet20)");
        }
        try {
            return parseFamily(spec.trim());
        } catch (ArithmeticException e) {
            throw new GengeoException("model spec '" + spec + "': its layer sizes overflow (a feature map or width beyond 2^31)");
        }
    }

    private static Architecture parseFamily(String body) {
        String spec = body;
        if (ChainSpecs.accepts(body)) {
            return ChainSpecs.parse(body);
        }
        if (ResNetSpecs.accepts(body)) {
            return ResNetSpecs.parse(body);
        }
        if (VggSpecs.accepts(body)) {
            return VggSpecs.parse(body);
        }
        if (NinSpecs.accepts(body)) {
            return NinSpecs.parse(body);
        }
        throw new GengeoException("model spec '" + spec + "' must start with mlp:, cnn:, resnet, vgg or nin"
                + " (e.g. mlp:784-100-10, resnet20, resnet18:cifar, vgg11_bn, nin)");
    }

    /** Number of input features, the product of the input shape. */
    public int inputSize() {
        int n = 1;
        for (int d : inputShape) {
            n *= d;
        }
        return n;
    }

    /**
     * An imported TorchScript module as a one-layer architecture: spec {@code torchscript:FILE}
     * (the module's file name, for messages; such a spec is not parsed back, the run directory's
     * {@code model.pt} is the model), input of shape {@code inputShape} per example.
     */
    public static Architecture torchScript(String fileName, int[] inputShape, LayerSpec.TorchScript module) {
        return new Architecture(TORCHSCRIPT_PREFIX + fileName, inputShape, List.of(module));
    }

    /** Prefix of an imported TorchScript module's spec. */
    public static final String TORCHSCRIPT_PREFIX = "torchscript:";

    /** The imported TorchScript module this architecture is, or null for one gengeo builds. */
    public LayerSpec.TorchScript torchScript() {
        return layers.size() == 1 && layers.get(0) instanceof LayerSpec.TorchScript t ? t : null;
    }

    /**
     * The number of outputs: the width of the last dense or convolutional layer, or an imported
     * module's output width (1: a binary model).
     */
    public int outputs() {
        if (torchScript() != null) {
            return torchScript().outputs();
        }
        List<LayerSpec.Weighted> w = weightedLayers();
        return w.get(w.size() - 1).out();
    }

    /** Every layer in forward order, residual bodies and shortcuts included (see {@link LayerSpec#walk}). */
    public List<LayerSpec> allLayers() {
        List<LayerSpec> out = new ArrayList<>();
        LayerSpec.walk(layers, out::add);
        return Collections.unmodifiableList(out);
    }

    /** The dense layers in forward order. */
    public List<LayerSpec.Dense> denseLayers() {
        return ofType(LayerSpec.Dense.class);
    }

    /** The dense and convolutional layers in forward order. */
    public List<LayerSpec.Weighted> weightedLayers() {
        return ofType(LayerSpec.Weighted.class);
    }

    /** The batch norms in forward order. */
    public List<LayerSpec.BatchNorm> batchNorms() {
        return ofType(LayerSpec.BatchNorm.class);
    }

    private <T extends LayerSpec> List<T> ofType(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (LayerSpec l : allLayers()) {
            if (type.isInstance(l)) {
                out.add(type.cast(l));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Each dense or convolutional layer that is directly followed by a batch norm, mapped to it (the
     * pairs that {@link BatchNormFolding} folds), in forward order.
     */
    public Map<LayerSpec.Weighted, LayerSpec.BatchNorm> normalisedLayers() {
        Map<LayerSpec.Weighted, LayerSpec.BatchNorm> out = new LinkedHashMap<>();
        collectNormalised(layers, out);
        return Collections.unmodifiableMap(out);
    }

    private static void collectNormalised(List<LayerSpec> list, Map<LayerSpec.Weighted, LayerSpec.BatchNorm> out) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof LayerSpec.Weighted w && i + 1 < list.size() && list.get(i + 1) instanceof LayerSpec.BatchNorm b) {
                out.put(w, b);
            } else if (list.get(i) instanceof LayerSpec.Residual r) {
                collectNormalised(r.body(), out);
                collectNormalised(r.shortcut(), out);
            }
        }
    }

    /** True when the spec has batch normalisation. */
    public boolean batchNorm() {
        return !batchNorms().isEmpty();
    }

    /** True when the network has residual connections (so it is not a chain of layers). */
    public boolean residual() {
        return allLayers().stream().anyMatch(l -> l instanceof LayerSpec.Residual);
    }

    /** True when every dense and convolutional layer has a bias. */
    public boolean bias() {
        return weightedLayers().stream().allMatch(LayerSpec.Weighted::bias);
    }

    /** True for a spec with convolutions, or a module taking images (input kept as [C, H, W]). */
    public boolean convolutional() {
        return inputShape.length == 3;
    }
}
