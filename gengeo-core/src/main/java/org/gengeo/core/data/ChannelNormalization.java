package org.gengeo.core.data;

import java.util.Arrays;
import org.gengeo.core.GengeoException;

/**
 * Per-channel normalisation of images, as torchvision's {@code transforms.Normalize(mean, std)}:
 * x'[c, h, w] = (x[c, h, w] - mean[c]) / std[c], with x the pixel divided by 255. The mean and
 * standard deviation are either given or the training set's: mean[c] the average of channel c over
 * every pixel of every training image, std[c] the population (divide-by-N) standard deviation of the
 * same values, the convention behind the commonly quoted CIFAR-10 values (0.4914, 0.4822, 0.4465) and
 * (0.2470, 0.2435, 0.2616). A computed standard deviation of 0 is reported as 1, so a constant channel
 * stays finite.
 *
 * @param mean   per-channel mean
 * @param std    per-channel standard deviation, positive
 * @param source {@value #TRAINING_SET} or {@value #GIVEN}
 */
public record ChannelNormalization(double[] mean, double[] std, String source) {
    /** The spec that asks for the training set's statistics. */
    public static final String CHANNEL = "channel";
    /** {@link #source()} of statistics computed from the training set. */
    public static final String TRAINING_SET = "training set";
    /** {@link #source()} of statistics given in the spec. */
    public static final String GIVEN = "given";

    /**
     * Checks the syntax of a {@code --normalize} spec: {@value #CHANNEL}, or
     * {@code MEAN,MEAN,...:STD,STD,...} with as many positive standard deviations as means.
     *
     * @throws GengeoException naming the spec and what is wrong with it
     */
    public static void check(String spec) {
        if (!CHANNEL.equals(spec)) {
            given(spec);
        }
    }

    /**
     * The normalisation {@code spec} asks for, on {@code train}: its per-channel statistics for
     * {@value #CHANNEL}, else the given values, whose channel count must match the images'.
     *
     * @throws GengeoException for a malformed spec, data that are not images [C, H, W], or a channel-count mismatch
     */
    public static ChannelNormalization of(String spec, Dataset train) {
        if (train.sampleShape().length != 3) {
            throw new GengeoException("--normalize works per image channel, but '" + train.name() + "' has examples of shape "
                    + Arrays.toString(train.sampleShape()) + ", not [C, H, W] (use --standardize)");
        }
        if (CHANNEL.equals(spec)) {
            return statistics(train);
        }
        ChannelNormalization n = given(spec);
        int channels = train.sampleShape()[0];
        if (n.mean().length != channels) {
            throw new GengeoException("--normalize " + spec + " gives " + n.mean().length + " channels but '" + train.name()
                    + "' has " + channels);
        }
        return n;
    }

    private static ChannelNormalization given(String spec) {
        String usage = "--normalize must be 'channel' or MEAN,...:STD,... (one value per channel, e.g. "
                + "0.4914,0.4822,0.4465:0.2470,0.2435,0.2616), got '" + spec + "'";
        String[] parts = spec == null ? new String[0] : spec.split(":", -1);
        if (parts.length != 2) {
            throw new GengeoException(usage);
        }
        double[] mean = numbers(parts[0], usage);
        double[] std = numbers(parts[1], usage);
        if (mean.length != std.length) {
            throw new GengeoException("--normalize " + spec + ": " + mean.length + " means but " + std.length + " standard deviations");
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
                throw new GengeoException("--normalize " + spec + ": channel " + c + " needs a finite mean and a positive standard deviation");
            }
        }
        return new ChannelNormalization(mean, std, GIVEN);
    }

    private static double[] numbers(String list, String usage) {
        try {
            return Arrays.stream(list.split(",", -1)).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new GengeoException(usage);
        }
    }

    /** The training set's per-channel mean and population standard deviation (two passes, in double). */
    static ChannelNormalization statistics(Dataset d) {
        int channels = d.sampleShape()[0];
        int plane = d.featureSize() / channels;
        float[] x = d.features();
        double[] mean = new double[channels];
        double[] std = new double[channels];
        double count = (double) d.size() * plane;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = 0; i < d.size(); i++) {
                int from = i * d.featureSize() + c * plane;
                for (int k = from; k < from + plane; k++) {
                    sum += x[k];
                }
            }
            mean[c] = sum / count;
            double sq = 0;
            for (int i = 0; i < d.size(); i++) {
                int from = i * d.featureSize() + c * plane;
                for (int k = from; k < from + plane; k++) {
                    double dev = x[k] - mean[c];
                    sq += dev * dev;
                }
            }
            double s = Math.sqrt(sq / count);
            std[c] = s > 0 ? s : 1;
        }
        return new ChannelNormalization(mean, std, TRAINING_SET);
    }

    /** (x - mean[c]) / std[c] for every pixel of channel c of every example. */
    public Dataset apply(Dataset d) {
        int channels = d.sampleShape()[0];
        int plane = d.featureSize() / channels;
        float[] in = d.features();
        float[] out = new float[in.length];
        for (int k = 0; k < in.length; k++) {
            int c = (k / plane) % channels;
            out[k] = (float) ((in[k] - mean[c]) / std[c]);
        }
        return new Dataset(d.name(), d.sampleShape(), out, d.labels(), d.numClasses());
    }
}
