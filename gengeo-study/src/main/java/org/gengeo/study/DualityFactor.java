package org.gengeo.study;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.train.NormPenalty;
import org.gengeo.train.TrainConfig;

/**
 * One training factor of the activity-weight duality study (Feng and Tu 2022, section 4.1 of
 * specs/activity-weight-duality.md): the training option it changes and the values swept by
 * default. Label noise follows the authors: the clean training set keeps its size and
 * round(n rho / (1 - rho)) extra examples with wrong labels are added ({@code --attack}); the
 * analysis leaves them out. The norm penalty is the authors' unsquared beta ||w||, on for the first
 * {@link NormPenalty#DEFAULT_EPOCHS} epochs. {@code decentralised} compares multi-learner SGD at value 0 (all-reduce, centralised) and 1 (ring, decentralised; see
 * {@code org.gengeo.train.MultiLearnerSgd}), both with {@link #LEARNERS} learners of {@link #LEARNER_BATCH} examples each and learning rate
 * {@link #LEARNER_LR} (the sources give no setting; see the README).
 *
 * @param name        name on the command line
 * @param key         the training option (flag name without dashes) the value goes to
 * @param quick       default values of the quick preset
 * @param full        default values of the full preset (the authors' where they are known)
 */
public record DualityFactor(String name, String key, double[] quick, double[] full) {
    /** Learners of the {@code decentralised} factor. */
    public static final int LEARNERS = 8;
    /** Minibatch per learner of the {@code decentralised} factor (8 x 12 = 96 examples per step). */
    public static final int LEARNER_BATCH = 12;
    /** Learning rate of the {@code decentralised} factor. */
    public static final double LEARNER_LR = 0.2;

    /** The factors, by name. */
    public static final List<DualityFactor> ALL = List.of(
            new DualityFactor("batch", "batch", new double[] {25, 50, 100}, new double[] {25, 100, 200, 400}),
            new DualityFactor("lr", "lr", new double[] {0.02, 0.05, 0.1}, new double[] {0.005, 0.01, 0.02, 0.05, 0.1}),
            new DualityFactor("weight-decay", "weight-decay", new double[] {0, 3e-4, 1e-3}, new double[] {0, 1e-4, 3e-4, 1e-3, 3e-3}),
            new DualityFactor("init-scale", "init-scale", new double[] {0.5, 1, 2}, new double[] {0.5, 1, 2, 3, 4}),
            new DualityFactor("dropout", "dropout", new double[] {0, 0.1, 0.2}, new double[] {0, 0.05, 0.1, 0.2, 0.3}),
            new DualityFactor("train-size", "train-size", new double[] {250, 500, 1000}, new double[] {4000, 8000, 16000, 32000}),
            new DualityFactor("label-noise", "attack", new double[] {0, 0.091, 0.2}, new double[] {0, 0.091, 0.13, 0.167, 0.2}),
            new DualityFactor("norm-penalty", "norm-penalty", new double[] {0, 0.01, 0.02}, new double[] {0, 0.005, 0.01, 0.02}),
            new DualityFactor("decentralised", "topology", new double[] {0, 1}, new double[] {0, 1}));

    /** The factor named {@code name}; an unknown one is an error listing the known ones. */
    public static DualityFactor named(String name) {
        return ALL.stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow(() -> new GengeoException(
                "unknown duality factor '" + name + "' (known: " + String.join(", ", ALL.stream().map(DualityFactor::name).toList()) + ")"));
    }

    /** Parses "NAME" or "NAME=v1,v2,...": the factor and its values (the preset's defaults when none are given). */
    public static Sweep parse(String text, boolean full) {
        String[] parts = text.split("=", 2);
        DualityFactor f = named(parts[0].trim());
        if (parts.length == 1) {
            return new Sweep(f, full ? f.full : f.quick);
        }
        try {
            double[] v = Arrays.stream(parts[1].split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            if (v.length == 0) {
                throw new NumberFormatException();
            }
            return new Sweep(f, v);
        } catch (NumberFormatException e) {
            throw new GengeoException("--factor " + text + ": the values must be a comma-separated list of numbers");
        }
    }

    /** A factor and the values it takes. */
    public record Sweep(DualityFactor factor, double[] values) {}

    /** {@code base} with this factor at {@code value}. */
    public TrainConfig apply(TrainConfig base, double value) {
        if (name.equals("decentralised")) {
            if (value != 0 && value != 1) {
                throw new GengeoException("--factor decentralised takes 0 (all-reduce) and 1 (ring), got " + value);
            }
            return base.with(Map.of("learners", LEARNERS, "batch", LEARNER_BATCH, "lr", LEARNER_LR,
                    "topology", value == 0 ? "all-reduce" : "ring"));
        }
        if (name.equals("label-noise")) {
            if (value < 0 || value >= 1) {
                throw new GengeoException("label noise must be in [0, 1), got " + value);
            }
            int clean = base.trainSize() == null ? 0 : base.trainSize();
            return base.with(key, (int) Math.round(clean * value / (1 - value)));
        }
        boolean integer = key.equals("batch") || key.equals("train-size");
        if (integer && value != Math.rint(value)) {
            throw new GengeoException("--factor " + name + " needs whole numbers, got " + value);
        }
        return base.with(Map.of(key, integer ? (Object) (int) value : (Object) value));
    }

    /** What the factor sets besides its own option, for the report ("" when nothing). */
    public String note() {
        return name.equals("decentralised") ? String.format(Locale.ROOT, " Value 0: all-reduce (centralised), 1: ring (decentralised); "
                + "both with %d learners x %d examples per step at lr %s.", LEARNERS, LEARNER_BATCH, LEARNER_LR) : "";
    }

    /** The value as a short label for directories and legends. */
    public static String label(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
