package org.gengeo.study;

import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * The temporal experiment of Zhang et al. 2021 (section 5, Fig. 5; the authors' {@code Temporal/} code in
 * sofuncheung/ICML_2021): a binary FCN trained by plain SGD until it fits S, then for {@code postEpochs} more
 * epochs, alpha-scaled after {@code rescaleAt} of them; along the way its test accuracy, log10 P(f) of the
 * function it expresses on S u E and its Keskar sharpness on S.
 *
 * @param data           data set name (binary relabelling 0-4 vs 5-9 is applied)
 * @param dataDir        its directory, or null for the default look-up
 * @param trainSize      |S| (no attack set: the authors' temporal run has none)
 * @param testSize       |E|
 * @param seeds          seeds 0..seeds-1, one network each
 * @param model          architecture spec (one output)
 * @param lr             SGD learning rate (no momentum)
 * @param batch          minibatch size
 * @param maxEpochs      cap of the fitting phase; a seed that does not fit S within it is listed and left out
 * @param postEpochs     epochs trained after S is fitted
 * @param rescaleAt      post-fit epoch after which fc0 / fc1 are alpha-scaled (0 &lt; rescaleAt &lt; postEpochs)
 * @param alpha          alpha of the rescaling
 * @param eps            Keskar box size
 * @param sharpnessSteps projected ascent steps per sharpness measurement
 * @param measureEvery   measure every this many epochs (and at the start, the fit, the rescaling and the end)
 * @param threads        engine threads
 */
public record FlatnessTemporalOptions(String data, String dataDir, int trainSize, int testSize, int seeds, String model,
                                      double lr, int batch, int maxEpochs, int postEpochs, int rescaleAt, double alpha,
                                      double eps, int sharpnessSteps, int measureEvery, int threads) {
    /**
     * Minutes on one core: the embedded Fashion-MNIST subset, |S| = 200, |E| = 100, 5 seeds, 200 post-fit epochs
     * rescaled after 100, measured every 5 epochs, 50 ascent steps.
     */
    public static FlatnessTemporalOptions quick(int threads) {
        return new FlatnessTemporalOptions("fashion-mnist-embedded", null, 200, 100, 5, "mlp:784-40-40-1", 0.01, 32, 2000, 200, 100,
                5.9, 1e-4, 50, 5, threads);
    }

    /**
     * The authors' temporal run: |S| = 500, |E| = 100, FCN 784-40-40-1, SGD lr 0.01 batch 32, 1,000 post-fit epochs
     * rescaled (alpha = 5.9) after 500; they measure every epoch of one network, this preset every 10 epochs of 5.
     */
    public static FlatnessTemporalOptions full(int threads) {
        return new FlatnessTemporalOptions("fashion-mnist", null, 500, 100, 5, "mlp:784-40-40-1", 0.01, 32, 5000, 1000, 500,
                5.9, 1e-4, 100, 10, threads);
    }

    /** The preset named on the command line. */
    public static FlatnessTemporalOptions preset(String name, int threads) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "quick": return quick(threads);
            case "full": return full(threads);
            default: throw new GengeoException("--preset must be quick or full, got '" + name + "'");
        }
    }

    /** Rejects impossible settings with a one-line message naming the option. */
    public FlatnessTemporalOptions validate() {
        if (trainSize < 1 || testSize < 1) {
            throw new GengeoException("--train-size and --test-size must be positive");
        }
        if (seeds < 1) {
            throw new GengeoException("--seeds must be at least 1, got " + seeds);
        }
        if (maxEpochs < 1 || postEpochs < 2) {
            throw new GengeoException("--max-epochs must be >= 1 and --post-epochs >= 2");
        }
        if (rescaleAt <= 0 || rescaleAt >= postEpochs) {
            throw new GengeoException("--rescale-at must lie strictly between 0 and --post-epochs (" + postEpochs + "), got " + rescaleAt);
        }
        if (measureEvery < 1) {
            throw new GengeoException("--measure-every must be >= 1, got " + measureEvery);
        }
        if (!(alpha > 0) || !(eps > 0) || sharpnessSteps < 1) {
            throw new GengeoException("--alpha and --eps must be positive and the ascent needs at least one step");
        }
        return this;
    }
}
