package org.gengeo.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gengeo.core.GengeoException;

/**
 * VGG networks (Simonyan and Zisserman 2015) under torchvision's names: {@code vgg11}, {@code vgg13},
 * {@code vgg16}, {@code vgg19}, and with batch norm {@code vgg11_bn} ... {@code vgg19_bn}. The features
 * are torchvision's exactly ({@code features.N}: 3x3 convolutions with padding 1 and a bias, [batch
 * norm,] ReLU, and 2x2 max-pools, configurations A, B, D, E of the paper). The classifier is sized for
 * 32x32 inputs, as CIFAR VGGs are: global average pooling (the 1x1 map of a 32x32 input stays as it is)
 * instead of torchvision's 7x7 adaptive pooling, then torchvision's {@code classifier.0} Linear(512, H),
 * ReLU, dropout, {@code classifier.3} Linear(H, H), ReLU, dropout, {@code classifier.6} Linear(H, K), with
 * H = 512 unless {@code :hidden=H} ({@code :hidden=4096} and a 7x7 map give torchvision's sizes only
 * with its pooling, so torchvision's classifier weights do not load). Dropout uses the run's rate
 * (torchvision's default is 0.5). {@code :w=W} scales every width by W/64 (a narrow VGG for tests);
 * options {@code :in=CxHxW} (3x32x32), {@code :classes=K} (10).
 */
final class VggSpecs {
    private static final int POOL = -1;
    private static final Map<String, int[]> CONFIGS = Map.of(
            "vgg11", new int[] {64, POOL, 128, POOL, 256, 256, POOL, 512, 512, POOL, 512, 512, POOL},
            "vgg13", new int[] {64, 64, POOL, 128, 128, POOL, 256, 256, POOL, 512, 512, POOL, 512, 512, POOL},
            "vgg16", new int[] {64, 64, POOL, 128, 128, POOL, 256, 256, 256, POOL, 512, 512, 512, POOL, 512, 512, 512, POOL},
            "vgg19", new int[] {64, 64, POOL, 128, 128, POOL, 256, 256, 256, 256, POOL, 512, 512, 512, 512, POOL,
                512, 512, 512, 512, POOL});

    private VggSpecs() {}

    static boolean accepts(String body) {
        return CONFIGS.containsKey(base(body.split(":", 2)[0]));
    }

    private static String base(String name) {
        return name.endsWith("_bn") ? name.substring(0, name.length() - 3) : name;
    }

    static Architecture parse(String spec) {
        SpecOptions o = SpecOptions.parse(spec, Set.of("w", "hidden", "in", "classes"));
        boolean batchNorm = o.name().endsWith("_bn");
        int w = o.size("w", 64);
        int hidden = o.size("hidden", 512);
        int[] input = o.shape(new int[] {3, 32, 32});
        FeatureMap map = new FeatureMap(spec, input);
        List<LayerSpec> layers = new ArrayList<>();
        int index = 0;
        for (int width : CONFIGS.get(base(o.name()))) {
            if (width == POOL) {
                map.window("features." + index, 2, 2, 0);
                layers.add(new LayerSpec.MaxPool(2, 2, 0));
                index++;
                continue;
            }
            int out = scaled(spec, width, w);
            map.window("features." + index, 3, 1, 1);
            layers.add(new LayerSpec.Conv("features." + index++, map.channels, out, 3, 1, 1, true));
            if (batchNorm) {
                layers.add(new LayerSpec.BatchNorm("features." + index++, out));
            }
            layers.add(new LayerSpec.Nonlinearity());
            index++;
            map.channels = out;
        }
        layers.add(new LayerSpec.GlobalAvgPool());
        layers.add(new LayerSpec.Dense("classifier.0", map.channels, hidden, true));
        layers.add(new LayerSpec.Nonlinearity());
        layers.add(new LayerSpec.Dropout());
        layers.add(new LayerSpec.Dense("classifier.3", hidden, hidden, true));
        layers.add(new LayerSpec.Nonlinearity());
        layers.add(new LayerSpec.Dropout());
        layers.add(new LayerSpec.Dense("classifier.6", hidden, o.size("classes", 10), true));
        return new Architecture(spec, input, layers);
    }

    private static int scaled(String spec, int width, int w) {
        int out = (int) ((long) width * w / 64);
        if (out < 1) {
            throw new GengeoException("model spec '" + spec + "': w=" + w + " leaves a layer with no channels");
        }
        return out;
    }
}
