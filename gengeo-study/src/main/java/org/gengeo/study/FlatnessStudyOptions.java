package org.gengeo.study;

import java.util.List;
import java.util.Locale;
import org.gengeo.core.GengeoException;
import org.gengeo.train.EntropySgdOptions;

/**
 * The flatness-versus-volume experiment of Zhang et al. 2021: binary classifiers trained to 100%
 * training accuracy on S plus |A| attack points with flipped labels, for every attack size, seed and
 * optimiser.
 *
 * @param data           data set name (binary relabelling 0-4 vs 5-9 is applied)
 * @param dataDir        its directory, or null for the default look-up
 * @param trainSize      |S|
 * @param testSize       |E|
 * @param attacks        attack-set sizes |A|
 * @param seeds          seeds per attack size (0..seeds-1)
 * @param optimisers     any of "sgd", "adam", "entropy-sgd"
 * @param model          architecture spec (one output)
 * @param sgdLr          SGD learning rate (no momentum)
 * @param adamLr         Adam learning rate
 * @param esgdLr         Entropy-SGD's outer learning rate eta (w &larr; w - eta gamma (w - mu))
 * @param esgd           Entropy-SGD's other settings
 * @param batch          minibatch size
 * @param maxEpochs      epoch cap; training stops earlier at 100% training accuracy
 * @param alpha          alpha of the rescaling of fc0, fc1
 * @param eps            Keskar box size
 * @param sharpnessSteps ascent steps
 * @param measureOn      the set sharpness and the Hessian are measured on: {@code S} (as the authors' code does,
 *                       {@code trainset_genuine} in sofuncheung/flatness_volume_generalization) or {@code S+A}
 *                       (gengeo's earlier choice, the set the network was trained on)
 * @param stopOn         the set whose 100% accuracy stops training: {@code S} (the authors' code, which checks the genuine
 *                       training set after each epoch) or {@code S+A} (gengeo's earlier rule: every point trained on)
 * @param threads        engine threads
 */
public record FlatnessStudyOptions(String data, String dataDir, int trainSize, int testSize, int[] attacks, int seeds,
                                   List<String> optimisers, String model, double sgdLr, double adamLr, double esgdLr,
                                   EntropySgdOptions esgd, int batch, int maxEpochs,
                                   double alpha, double eps, int sharpnessSteps, String measureOn, String stopOn, int threads) {
    /** The sets sharpness and the Hessian can be measured on. */
    public static final List<String> MEASURING_SETS = List.of("S", "S+A");

    /** The optimisers the study can train with. */
    public static final List<String> OPTIMISERS = List.of("sgd", "adam", "entropy-sgd");

    /**
     * Entropy-SGD as the study runs it: the paper's L = 20, gamma = 0.03 (no scoping), epsilon = 1e-4,
     * alpha = 0.75, with Langevin steps of eta' = 0.01 (SGD's learning rate; the paper's 0.1 made the
     * loss of this unnormalised FCN jump by an order of magnitude between epochs), and an outer
     * learning rate eta = 1 / gamma, so that eta gamma = 1 and each outer step moves w to mu.
     */
    public static final EntropySgdOptions ESGD = new EntropySgdOptions(20, 0.03, 0, 0.01, 1e-4, 0.75);

    /**
     * Minutes on two cores: the embedded Fashion-MNIST subset, |S| = 100, |E| = 200, |A| in {0, 50, 100}, 2 seeds,
     * 50 ascent steps.
     */
    public static FlatnessStudyOptions quick(int threads) {
        return new FlatnessStudyOptions("fashion-mnist-embedded", null, 100, 200, new int[] {0, 50, 100}, 2,
                OPTIMISERS, "mlp:784-40-40-1", 0.01, 0.001, 1 / ESGD.gamma(), ESGD, 32, 500, 5.9, 1e-4, 50, "S", "S", threads);
    }

    /** The paper's scale: |S| = 500, |E| = 1000, |A| in {0, 50, ..., 500}, 5 seeds, SGD, Adam and Entropy-SGD. */
    public static FlatnessStudyOptions full(int threads) {
        int[] attacks = new int[11];
        for (int i = 0; i < attacks.length; i++) {
            attacks[i] = 50 * i;
        }
        return new FlatnessStudyOptions("fashion-mnist", null, 500, 1000, attacks, 5, OPTIMISERS, "mlp:784-40-40-1",
                0.01, 0.001, 1 / ESGD.gamma(), ESGD, 32, 1000, 5.9, 1e-4, 100, "S", "S", threads);
    }

    /** The preset named on the command line. */
    public static FlatnessStudyOptions preset(String name, int threads) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "quick": return quick(threads);
            case "full": return full(threads);
            default: throw new GengeoException("--preset must be quick or full, got '" + name + "'");
        }
    }

    /** Rejects impossible settings with a one-line message. */
    public FlatnessStudyOptions validate() {
        for (String o : optimisers) {
            if (!OPTIMISERS.contains(o)) {
                throw new GengeoException("--optimisers: unknown optimiser '" + o + "' (" + String.join(", ", OPTIMISERS) + ")");
            }
        }
        if (attacks.length == 0 || seeds < 1 || optimisers.isEmpty()) {
            throw new GengeoException("the study needs at least one attack size, one seed and one optimiser");
        }
        for (int a : attacks) {
            if (a < 0) {
                throw new GengeoException("--attacks: sizes must be >= 0, got " + a);
            }
        }
        if (trainSize < 1 || testSize < 1) {
            throw new GengeoException("--train-size and --test-size must be positive");
        }
        if (!MEASURING_SETS.contains(measureOn)) {
            throw new GengeoException("--measure-on must be S or S+A, got '" + measureOn + "'");
        }
        if (!MEASURING_SETS.contains(stopOn)) {
            throw new GengeoException("--stop-on must be S or S+A, got '" + stopOn + "'");
        }
        esgd.validate();
        return this;
    }

    /** The learning rate the study gives {@code optimiser}. */
    public double lr(String optimiser) {
        switch (optimiser) {
            case "sgd": return sgdLr;
            case "adam": return adamLr;
            default: return esgdLr;
        }
    }
}
