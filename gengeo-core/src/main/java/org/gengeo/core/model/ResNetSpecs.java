package org.gengeo.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gengeo.core.GengeoException;

/**
 * Residual networks of basic blocks (He et al. 2016, "Deep residual learning for image recognition"),
 * under torchvision's module names ({@code conv1}, {@code bn1}, {@code layer1.0.conv1},
 * {@code layer2.0.downsample.0}, {@code layer2.0.downsample.1}, {@code fc}).
 * <ul>
 *   <li>{@code resnet{6n+2}} (resnet20, 32, 44, 56, 110): the CIFAR networks of the paper's section 4.2:
 *       a 3x3 stem convolution with w channels + batch norm + ReLU, three stages of n basic blocks with
 *       w, 2w, 4w channels (stride 2 at the first block of stages 2 and 3), global average pooling and
 *       one dense layer; w = 16 unless {@code :w=W}. Where the shape changes the shortcut is a projection
 *       (1x1 convolution + batch norm, the paper's option B) rather than option A's zero padding.</li>
 *   <li>{@code resnet18}, {@code resnet34}: torchvision's ImageNet networks (7x7 stride-2 stem, 3x3
 *       stride-2 max-pool, four stages of 2-2-2-2 or 3-4-6-3 blocks with w, 2w, 4w, 8w channels,
 *       w = 64); {@code :cifar} replaces the stem by a 3x3 stride-1 convolution and drops the max-pool.</li>
 * </ul>
 * A basic block is relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)); convolutions have no bias, the
 * dense layer has one. Options: {@code :in=CxHxW} (default 3x32x32), {@code :classes=K} (default 10).
 */
final class ResNetSpecs {
    private static final Pattern NAME = Pattern.compile("resnet(\\d+)");

    private ResNetSpecs() {}

    static boolean accepts(String body) {
        return NAME.matcher(body.split(":", 2)[0]).matches();
    }

    static Architecture parse(String spec) {
        SpecOptions o = SpecOptions.parse(spec, Set.of("w", "in", "classes", "cifar"));
        Matcher m = NAME.matcher(o.name());
        m.matches();
        if (m.group(1).length() > 4) {
            throw new GengeoException("model spec '" + spec + "': no ResNet of depth " + m.group(1));
        }
        int depth = Integer.parseInt(m.group(1));
        int[] input = o.shape(new int[] {3, 32, 32});
        int classes = o.size("classes", 10);
        FeatureMap map = new FeatureMap(spec, input);
        List<LayerSpec> layers = new ArrayList<>();
        int[] blocks;
        int width;
        if (depth == 18 || depth == 34) {
            blocks = depth == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
            width = o.size("w", 64);
            if (o.flag("cifar")) {
                stem(layers, map, width, 3, 1, 1);
            } else {
                stem(layers, map, width, 7, 2, 3);
                map.window("maxpool", 3, 2, 1);
                layers.add(new LayerSpec.MaxPool(3, 2, 1));
            }
        } else if (depth >= 8 && (depth - 2) % 6 == 0) {
            if (o.flag("cifar")) {
                throw new GengeoException("model spec '" + spec + "': ':cifar' is for resnet18/resnet34; " + o.name()
                        + " is already a CIFAR network");
            }
            int n = (depth - 2) / 6;
            blocks = new int[] {n, n, n};
            width = o.size("w", 16);
            stem(layers, map, width, 3, 1, 1);
        } else {
            throw new GengeoException("model spec '" + spec + "': no ResNet of depth " + depth
                    + " (CIFAR ResNets have depth 6n+2: resnet20, resnet32, resnet44, resnet56, resnet110; or resnet18, resnet34)");
        }
        for (int s = 0; s < blocks.length; s++) {
            int channels = Math.multiplyExact(width, 1 << s);
            for (int b = 0; b < blocks[s]; b++) {
                layers.add(block("layer" + (s + 1) + "." + b, map, channels, s > 0 && b == 0 ? 2 : 1));
                layers.add(new LayerSpec.Nonlinearity());
            }
        }
        layers.add(new LayerSpec.GlobalAvgPool());
        layers.add(new LayerSpec.Dense("fc", map.channels, classes, true));
        return new Architecture(spec, input, layers);
    }

    private static void stem(List<LayerSpec> layers, FeatureMap map, int width, int k, int s, int p) {
        map.window("conv1", k, s, p);
        layers.add(new LayerSpec.Conv("conv1", map.channels, width, k, s, p, false));
        layers.add(new LayerSpec.BatchNorm("bn1", width));
        layers.add(new LayerSpec.Nonlinearity());
        map.channels = width;
    }

    /** A basic block {@code prefix} (torchvision's BasicBlock) from map.channels to {@code out} channels. */
    private static LayerSpec.Residual block(String prefix, FeatureMap map, int out, int stride) {
        int in = map.channels;
        map.window(prefix + ".conv1", 3, stride, 1);
        List<LayerSpec> body = List.of(
                new LayerSpec.Conv(prefix + ".conv1", in, out, 3, stride, 1, false),
                new LayerSpec.BatchNorm(prefix + ".bn1", out),
                new LayerSpec.Nonlinearity(),
                new LayerSpec.Conv(prefix + ".conv2", out, out, 3, 1, 1, false),
                new LayerSpec.BatchNorm(prefix + ".bn2", out));
        List<LayerSpec> shortcut = stride == 1 && in == out ? List.of() : List.of(
                new LayerSpec.Conv(prefix + ".downsample.0", in, out, 1, stride, 0, false),
                new LayerSpec.BatchNorm(prefix + ".downsample.1", out));
        map.channels = out;
        return new LayerSpec.Residual(body, shortcut);
    }
}
