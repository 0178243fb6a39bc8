package org.gengeo.core.data;

import java.util.Arrays;
import java.util.Map;

/**
 * Train and test sets after every transformation, with the facts about the transformations that a
 * run records in {@code data.json}: {@code source}, {@code rawHashes}, {@code corruptedIndices},
 * {@code attackIndices}, {@code standardization}, {@code normalization} and the final content hashes.
 */
public record DataSplit(Dataset train, Dataset test, Map<String, Object> info) {
    /**
     * Per channel of the examples (the first dimension of the sample shape), the value a black raw
     * pixel (0) has after this split's standardisation or per-channel normalisation: 0 without
     * either, (0 - mean) / std with {@code --standardize}, (0 - mean[c]) / std[c] with {@code --normalize}.
     * Zero padding of a raw image, as torchvision's {@code RandomCrop(padding=p)} before
     * {@code Normalize}, fills in these values.
     */
    public double[] black() {
        double[] level = new double[train.sampleShape()[0]];
        if (info.get("normalization") instanceof ChannelNormalization n) {
            for (int c = 0; c < level.length; c++) {
                level[c] = (0 - n.mean()[c]) / n.std()[c];
            }
        } else if (info.get("standardization") instanceof DataTransforms.Standardization s) {
            Arrays.fill(level, (0 - s.mean()) / s.std());
        }
        return level;
    }
}
