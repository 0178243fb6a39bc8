package org.gengeo.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.Augmentation;
import org.gengeo.core.data.ChannelNormalization;
import org.gengeo.core.data.DataConfig;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.io.JsonErrors;

/**
 * Everything that determines a training run. Written to {@code config.json} with the
 * {@code gengeo train} flag names as keys (without the leading dashes), so a config file, a sweep
 * entry and a command line speak the same language.
 *
 * <p>Stopping: training ends at the first of {@code epochs}, {@code steps},
 * {@code until-train-loss} (training loss at or below it) and {@code until-train-acc} (training
 * accuracy at or above it). The until-rules are checked at every evaluation point, on the whole training set or, with
 * {@code until-without-attack}, on it without its {@code attack} points (the authors' stopping rule in Zhang et al.
 * 2021: zero error on S, whether or not the flipped-label points are fitted yet). With no
 * epochs and no steps the run is capped at 10 epochs, or at {@link #UNTIL_CAP_EPOCHS} when an
 * until-rule is set.
 *
 * <p>{@code init-from}: start from the weights of a saved model file (same architecture and
 * activation) instead of a seeded initialisation, e.g. to continue on true labels after pretraining
 * on random ones (Liao et al. 2018); the seed still fixes data order, dropout and data transformations.
 *
 * <p>Seeds: {@code seed} fixes initialisation, batch order, dropout and augmentation; {@code data-seed} (default:
 * {@code seed}) fixes the data (train and test subsets, label-noise and attack choices), so several
 * seeds can train on one data set. The later options are boxed and null when unset, so a config that
 * does not use them writes the same {@code config.json} (and sweep id) as before they existed:
 * {@code norm-penalty} and {@code norm-penalty-epochs} (see {@link NormPenalty}), {@code learners}
 * and {@code topology} (see {@link MultiLearnerSgd}), the {@code esgd-*} settings of Entropy-SGD
 * (null: the paper's defaults, see {@link EntropySgdOptions#defaults()}), {@code augment} (the
 * training minibatches' {@link org.gengeo.core.data.Augmentation}, seeded by {@code seed}),
 * {@code normalize} (per-channel normalisation, see {@link org.gengeo.core.data.ChannelNormalization}),
 * {@code weight-decay-exclude} (the parameters weight decay skips, see {@link DecayExclusion}),
 * {@code train} and {@code test}, the array files of a data set from outside (see
 * {@link DataConfig#trainFile()}), and {@code model-file}, a TorchScript module trained from the
 * weights it holds instead of {@code model} (see {@link ImportedModule}).
 *
 * <p>{@link #fromPartial} reads a config that names only some keys (an imported run's, or one
 * written by hand): the keys it lacks take the defaults of {@code gengeo train}.
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainConfig(
        String data, String dataDir, Integer trainSize, Integer testSize, String classes, boolean binary,
        double labelNoise, boolean randomLabels, int attack, boolean standardize,
        String model, String activation, double dropout, String init, double initScale, String dtype, String initFrom,
        String opt, double lr, double momentum, boolean nesterov, double beta1, double beta2, double eps, double winsor,
        Integer esgdL, Double esgdGamma, Double esgdScoping, Double esgdInnerLr, Double esgdNoise, Double esgdAlpha,
        double weightDecay, String weightDecayMode,
        String schedule, int lrStepEpochs, double lrGamma,
        int batch, Integer epochs, Long steps, Double untilTrainLoss, Double untilTrainAcc,
        int logEvery, int coherenceEvery, int coherenceSample, boolean learningTimes, long seed, int threads,
        Long dataSeed, Double normPenalty, Integer normPenaltyEpochs, Integer learners, String topology,
        String augment, String normalize, String weightDecayExclude, String train, String test, String modelFile,
        Boolean untilWithoutAttack) {

    /** Epoch cap when only an until-rule is given. */
    public static final int UNTIL_CAP_EPOCHS = 1000;

    /**
     * The defaults of {@code gengeo train}: Fashion-MNIST, MLP 784-100-10 with ReLU and He
     * initialisation, float32, SGD with lr 0.01, heavy-ball momentum 0.9 and batch 64, 10 epochs, seed 0,
     * one thread per core; Entropy-SGD's settings are {@link EntropySgdOptions#defaults()}.
     */
    public static TrainConfig defaults() {
        return new TrainConfig("fashion-mnist", null, null, null, null, false, 0, false, 0, false,
                "mlp:784-100-10", "relu", 0, "he", 1, "float32", null,
                "sgd", 0.01, 0.9, false, 0.9, 0.999, 1e-8, 0,
                null, null, null, null, null, null,
                0, "l2", "constant", 30, 0.1,
                64, null, null, null, null, 0, 0, 1000, false, 0, Runtime.getRuntime().availableProcessors(),
                null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /**
     * This config with some values replaced, keyed by flag name without dashes
     * (e.g. {@code {"lr": 0.01, "weight-decay": 1e-4}}). An unknown key or a value of the wrong
     * type is a one-line error naming it. Array files ({@code train}) given without a {@code data}
     * name over a built-in data set are called {@value DataSources#ARRAY_FILES_NAME}, as
     * {@code gengeo train --train FILE} calls them.
     */
    public TrainConfig with(Map<String, ?> overrides) {
        Map<String, Object> values = asMap();
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            if (!COMPONENTS.contains(e.getKey())) {
                throw new GengeoException("unknown training option '" + e.getKey() + "'");
            }
            values.put(e.getKey(), e.getValue());
        }
        if (overrides.get("train") != null && !overrides.containsKey("data") && DataSources.names().contains(values.get("data"))) {
            values.put("data", DataSources.ARRAY_FILES_NAME);
        }
        try {
            return Json.MAPPER.convertValue(values, TrainConfig.class);
        } catch (IllegalArgumentException e) {
            throw new GengeoException("bad training option value: "
                    + (e.getCause() instanceof Exception c ? JsonErrors.describe(c) : e.getMessage()));
        }
    }

    /**
     * A config from a map holding only some keys (a partial {@code config.json}): the others are
     * {@link #defaults()}, and so do keys given as null. An unknown key or a value of the wrong type is a one-line error naming it.
     */
    public static TrainConfig fromPartial(Map<String, ?> values) {
        Map<String, Object> known = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                known.put(k, v);
            }
        });
        return defaults().with(known);
    }

    /** This config with one value replaced (see {@link #with(Map)}). */
    public TrainConfig with(String key, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(key, value);
        return with(one);
    }

    /** The config as a map from flag name (without dashes) to value; unset limits are absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        return new LinkedHashMap<>(Json.MAPPER.convertValue(this, Map.class));
    }

    private static final Set<String> COMPONENTS = componentNames();

    private static Set<String> componentNames() {
        Set<String> names = new LinkedHashSet<>();
        for (RecordComponent c : TrainConfig.class.getRecordComponents()) {
            names.add(((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE).translate(c.getName()));
        }
        return names;
    }

    /** The flag names (without dashes) a config has. */
    public static Set<String> keys() {
        return Collections.unmodifiableSet(COMPONENTS);
    }

    /** The data-set part of the config. */
    public DataConfig dataConfig() {
        return new DataConfig(data, dataDir == null ? null : Path.of(dataDir), trainSize, testSize, classList(), binary,
                labelNoise, randomLabels, attack, standardize, normalize, dataSeed == null ? seed : dataSeed, train, test);
    }

    /** The number of learners (1 unless {@code learners} is set). */
    public int learnerCount() {
        return learners == null ? 1 : learners;
    }

    /** Training examples one update consumes: {@code batch} per learner. */
    public int examplesPerStep() {
        return batch * learnerCount();
    }

    /** The classes to keep, parsed from "1,3"; null for all. */
    int[] classList() {
        if (classes == null || classes.isBlank()) {
            return null;
        }
        try {
            return Arrays.stream(classes.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new GengeoException("--classes must be a comma-separated list of class numbers, got '" + classes + "'");
        }
    }

    /** The epoch limit in force (explicit, or the documented cap). */
    public int maxEpochs() {
        if (epochs != null) {
            return epochs;
        }
        if (steps != null) {
            return Integer.MAX_VALUE;
        }
        return untilTrainLoss != null || untilTrainAcc != null ? UNTIL_CAP_EPOCHS : 10;
    }

    /** Rejects impossible option values with a one-line message naming the flag. */
    public TrainConfig validate() {
        require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        require(batch >= 1, "--batch must be at least 1, got " + batch);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
        require(!nesterov || momentum > 0, "--nesterov needs --momentum > 0");
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "--beta1 and --beta2 must be in [0, 1)");
        require(eps > 0, "--eps must be positive, got " + eps);
        require(winsor >= 0 && winsor < 50, "--winsor must be a percentile level in [0, 50), got " + winsor);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay must be >= 0, got " + weightDecay);
        require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
        require(labelNoise >= 0 && labelNoise <= 1, "--label-noise must be in [0, 1], got " + labelNoise);
        require(attack >= 0, "--attack must be >= 0, got " + attack);
        require(epochs == null || epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(steps == null || steps >= 1, "--steps must be at least 1, got " + steps);
        require(untilTrainAcc == null || (untilTrainAcc > 0 && untilTrainAcc <= 1),
                "--until-train-acc must be in (0, 1], got " + untilTrainAcc);
        require(!Boolean.TRUE.equals(untilWithoutAttack) || untilTrainAcc != null || untilTrainLoss != null,
                "--until-without-attack needs --until-train-acc or --until-train-loss");
        require(untilTrainLoss == null || untilTrainLoss > 0, "--until-train-loss must be positive, got " + untilTrainLoss);
        require(logEvery >= 0, "--log-every must be >= 0 (0 = once per epoch), got " + logEvery);
        require(coherenceEvery >= 0, "--coherence-every must be >= 0 (0 = off), got " + coherenceEvery);
        require(coherenceSample >= 1, "--coherence-sample must be at least 1, got " + coherenceSample);
        require(threads >= 1, "--threads must be at least 1, got " + threads);
        require(initScale > 0 && Double.isFinite(initScale), "--init-scale must be positive, got " + initScale);
        require(initFrom == null || !initFrom.isBlank(), "--init-from needs a model.safetensors path");
        require(modelFile == null || initFrom == null, "--model-file and --init-from exclude each other (the module holds its weights)");
        require(modelFile == null || learners == null, "--model-file trains one module; --learners does not apply to it");
        require(lrGamma > 0, "--lr-gamma must be positive, got " + lrGamma);
        require(lrStepEpochs >= 1, "--lr-step-epochs must be at least 1, got " + lrStepEpochs);
        NormPenalty.of(this);
        MultiLearnerSgd.check(this);
        require(trainSize == null || trainSize >= 1, "--train-size must be at least 1, got " + trainSize);
        require(testSize == null || testSize >= 1, "--test-size must be at least 1, got " + testSize);
        classList();
        require(!(randomLabels && labelNoise > 0), "--random-labels and --label-noise exclude each other");
        requireValue("data", data);
        requireValue("weight-decay-mode", weightDecayMode);
        requireValue("schedule", schedule);
        requireValue("opt", opt);
        WeightDecay.Mode.parse(weightDecayMode);
        DecayExclusion.parse(weightDecayExclude);
        Augmentation.parse(augment);
        if (normalize != null) {
            ChannelNormalization.check(normalize);
        }
        require(!(standardize && normalize != null), "--standardize and --normalize exclude each other");
        LrSchedule.parse(schedule);
        Optimizers.require(opt);
        validateSpecs();
        if (opt.equals("entropy-sgd")) {
            EntropySgdOptions.of(this).validate();
        }
        return this;
    }

    /**
     * Parses the values that are spec strings (model, activation, init, dtype), so a typo such as
     * {@code mlp:784-64-1O} is refused up front, not when training starts; each value on its own
     * (a sweep file checks every value where it is written).
     */
    public TrainConfig validateSpecs() {
        requireValue("model", model);
        requireValue("activation", activation);
        requireValue("init", init);
        requireValue("dtype", dtype);
        Architecture.parse(model);
        Activation.parse(activation);
        Init.parse(init);
        Precision.parse(dtype);
        return this;
    }

    /** A setting that has no meaning when absent (a config.json may say null for it; the fuzz test found one). */
    private static void requireValue(String key, String value) {
        require(value != null, "--" + key + " needs a value (config.json has null for '" + key + "')");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new GengeoException(message);
        }
    }
}
