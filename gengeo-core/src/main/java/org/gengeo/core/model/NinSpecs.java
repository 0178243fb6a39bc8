package org.gengeo.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Network-in-Network (Lin, Chen and Yan 2014) with batch norm, in the form of the NiN zoo of Jiang et
 * al. 2020 ("Fantastic generalization measures and where to find them", after DEMOGEN): d blocks, each
 * a 3x3 convolution (stride 1 in the first block, 2 in the others, padding 1) followed by two 1x1
 * convolutions, every convolution w channels wide and followed by batch norm and ReLU; then a 1x1
 * convolution to the K classes and global average pooling, which gives the logits. Spec
 * {@code nin[:d=D][:w=W][:in=CxHxW][:classes=K]}, defaults d = 3, w = 192, 3x32x32, K = 10. Modules are
 * named as an nn.Sequential would name them: {@code features.N} in order (convolution, batch norm, ReLU
 * each count one index), the head {@code classifier}.
 */
final class NinSpecs {
    private NinSpecs() {}

    static boolean accepts(String body) {
        return body.split(":", 2)[0].equals("nin");
    }

    static Architecture parse(String spec) {
        SpecOptions o = SpecOptions.parse(spec, Set.of("d", "w", "in", "classes"));
        int depth = o.size("d", 3);
        int w = o.size("w", 192);
        int[] input = o.shape(new int[] {3, 32, 32});
        FeatureMap map = new FeatureMap(spec, input);
        List<LayerSpec> layers = new ArrayList<>();
        int index = 0;
        for (int b = 0; b < depth; b++) {
            for (int k = 0; k < 3; k++) {
                int kernel = k == 0 ? 3 : 1;
                int stride = k == 0 && b > 0 ? 2 : 1;
                int padding = k == 0 ? 1 : 0;
                map.window("features." + index, kernel, stride, padding);
                layers.add(new LayerSpec.Conv("features." + index, map.channels, w, kernel, stride, padding, true));
                layers.add(new LayerSpec.BatchNorm("features." + (index + 1), w));
                layers.add(new LayerSpec.Nonlinearity());
                index += 3;
                map.channels = w;
            }
        }
        layers.add(new LayerSpec.Conv("classifier", w, o.size("classes", 10), 1, 1, 0, true));
        layers.add(new LayerSpec.GlobalAvgPool());
        return new Architecture(spec, input, layers);
    }
}
