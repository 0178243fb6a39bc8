package org.gengeo.core.data;

import java.nio.file.Path;

/**
 * Everything that decides which data a run sees.
 *
 * @param name         data set name (see {@link DataSources})
 * @param dataDir      directory with the files, or null for the default look-up
 * @param trainSize    training examples to keep (first N after a seeded shuffle), null for all
 * @param testSize     test examples to keep, likewise
 * @param classes      classes to keep, relabelled 0..k-1 in the given order; null for all
 * @param binary       relabel classes 0-4 as 0 and 5-9 as 1
 * @param labelNoise   fraction of training labels replaced by a wrong label
 * @param randomLabels replace every training label by a uniformly random one
 * @param attack       extra training examples with flipped labels
 * @param standardize  subtract the training mean and divide by the training standard deviation
 * @param normalize    per-channel normalisation spec ({@link ChannelNormalization}), null for none
 * @param seed         seed of every random choice above
 * @param trainFile    training arrays ({@code FILE.npz}, {@code FILE.safetensors} or {@code X.npy,Y.npy}, see
 *                     {@link ArrayFiles}) instead of a built-in set, or null; {@code name} is then the user's label
 * @param testFile     test arrays, likewise (given together with {@code trainFile})
 */
public record DataConfig(String name, Path dataDir, Integer trainSize, Integer testSize, int[] classes, boolean binary,
                         double labelNoise, boolean randomLabels, int attack, boolean standardize, String normalize, long seed,
                         String trainFile, String testFile) {
    /** A built-in data set without per-channel normalisation. */
    public DataConfig(String name, Path dataDir, Integer trainSize, Integer testSize, int[] classes, boolean binary,
                      double labelNoise, boolean randomLabels, int attack, boolean standardize, long seed) {
        this(name, dataDir, trainSize, testSize, classes, binary, labelNoise, randomLabels, attack, standardize, null, seed);
    }

    /** A built-in data set (no array files). */
    public DataConfig(String name, Path dataDir, Integer trainSize, Integer testSize, int[] classes, boolean binary,
                      double labelNoise, boolean randomLabels, int attack, boolean standardize, String normalize, long seed) {
        this(name, dataDir, trainSize, testSize, classes, binary, labelNoise, randomLabels, attack, standardize, normalize, seed,
                null, null);
    }
}
