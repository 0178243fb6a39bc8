package org.gengeo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.report.LearningTimePage;
import org.gengeo.report.Reports;
import org.gengeo.study.RunGeometry;
import org.gengeo.sweep.TrainConfigFile;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code gengeo train}: trains one model into a run directory, or resumes one. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainCommand.Defaults.class,
        description = {"Train a model and write a run directory (config.json, model.safetensors, metrics.jsonl, run.json).",
                "Exit codes: 0 done, 2 bad input, 3 diverged (the last good checkpoint is kept)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory to create.")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last checkpoint; every setting comes from its config.json (only --json and --report may be given too).")
    Path resume;
    @Option(names = "--config", paramLabel = "FILE", description = "Take the training options from FILE: YAML or JSON with config.json's keys "
            + "(the flags without dashes), e.g. a run's own config.json; flags given as well override it.")
    Path configFile;

    @Mixin
    DataOptions dataOptions;
    @Option(names = "--augment", paramLabel = "crop4,flip", description = "Augment the training minibatches (never evaluation or measures): "
            + "cropP = random crop of the image zero-padded by P pixels, flip = random horizontal flip; seeded by --seed.")
    String augment;

    @Option(names = "--model", description = "Architecture spec, e.g. mlp:784-100-10 or cnn:1x28x28-c16k5p2-m2-c32k5p2-m2-100-10; :nobias drops biases, :bn adds batch norm (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--model-file", paramLabel = "MODEL.pt", description = "Train this TorchScript module (torch.jit.script or trace, "
            + "then torch.jit.save) from the weights it holds instead of --model. A TorchScript file contains code that libtorch runs: use files you trust.")
    String modelFile;
    @Option(names = "--activation", description = "relu or tanh (default: ${DEFAULT-VALUE}).")
    String activation;
    @Option(names = "--dropout", paramLabel = "P", description = "Dropout rate after each hidden dense layer.")
    double dropout;
    @Option(names = "--init", description = "he, xavier, torch or normal:STD (default: ${DEFAULT-VALUE}).")
    String init;
    @Option(names = "--init-scale", description = "Multiply every initial weight by this factor.")
    double initScale;
    @Option(names = "--init-from", paramLabel = "FILE", description = "Start from the weights of this model.safetensors (same architecture) instead of --init.")
    String initFrom;
    @Option(names = "--dtype", description = "float32 or float64 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--opt", description = "sgd, adam, winsorized (with --winsor C), m3 (median of three thirds of the minibatch), rm3 or ra3 (median/average of this and the two previous steps' gradients; rm3-fresh, ra3-fresh: of three fresh minibatches), entropy-sgd (--esgd-*; outer step w -= lr gamma (w - mu)) (default: ${DEFAULT-VALUE}).")
    String opt;
    @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--momentum", description = "SGD momentum, heavy ball unless --nesterov (default: ${DEFAULT-VALUE}; 0 for plain SGD).")
    double momentum;
    @Option(names = "--nesterov", description = "Nesterov momentum.")
    boolean nesterov;
    @Option(names = "--beta1", description = "Adam beta1 (default: ${DEFAULT-VALUE}).")
    double beta1;
    @Option(names = "--beta2", description = "Adam beta2 (default: ${DEFAULT-VALUE}).")
    double beta2;
    @Option(names = "--winsor", paramLabel = "C", description = "Winsorisation level in percent for --opt winsorized (0 is plain SGD) (default: ${DEFAULT-VALUE}).")
    double winsor;
    @Option(names = "--eps", description = "Adam epsilon (default: ${DEFAULT-VALUE}).")
    double eps;
    @Option(names = "--esgd-l", paramLabel = "L", description = "Entropy-SGD: Langevin steps (and minibatches) per outer step (default: 20).")
    Integer esgdL;
    @Option(names = "--esgd-gamma", description = "Entropy-SGD: scope gamma (default: 0.03).")
    Double esgdGamma;
    @Option(names = "--esgd-scoping", description = "Entropy-SGD: gamma_t = gamma (1 + this)^t over outer steps t; the paper used 1e-3 (default: 0, constant).")
    Double esgdScoping;
    @Option(names = "--esgd-inner-lr", description = "Entropy-SGD: Langevin step size eta' (default: 0.1).")
    Double esgdInnerLr;
    @Option(names = "--esgd-noise", description = "Entropy-SGD: thermal noise epsilon (default: 1e-4).")
    Double esgdNoise;
    @Option(names = "--esgd-alpha", description = "Entropy-SGD: weight of the newest iterate in the running mean mu (default: 0.75).")
    Double esgdAlpha;
    @Option(names = "--weight-decay", description = "Weight decay lambda.")
    double weightDecay;
    @Option(names = "--weight-decay-mode", description = "l2 (adds lambda*w to the gradient) or decoupled (w *= 1 - lr*lambda) (default: ${DEFAULT-VALUE}).")
    String weightDecayMode;
    @Option(names = "--weight-decay-exclude", paramLabel = "bn,bias", description = "Parameters weight decay skips: bn (batch-norm scale and shift) and/or bias.")
    String weightDecayExclude;
    @Option(names = "--schedule", description = "constant, step or cosine (default: ${DEFAULT-VALUE}).")
    String schedule;
    @Option(names = "--lr-step-epochs", description = "Epochs between decays of the step schedule (default: ${DEFAULT-VALUE}).")
    int lrStepEpochs;
    @Option(names = "--lr-gamma", description = "Decay factor of the step schedule (default: ${DEFAULT-VALUE}).")
    double lrGamma;
    @Option(names = "--batch", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", description = "Stop after this many epochs (default 10 when no other limit is given).")
    Integer epochs;
    @Option(names = "--steps", description = "Stop after this many updates.")
    Long steps;
    @Option(names = "--until-train-loss", paramLabel = "L", description = "Stop when the training loss is at most L.")
    Double untilTrainLoss;
    @Option(names = "--until-train-acc", paramLabel = "A", description = "Stop when the training accuracy is at least A (e.g. 1.0).")
    Double untilTrainAcc;
    @Option(names = "--until-without-attack", description = "Check --until-train-acc / --until-train-loss on the training set without its --attack points.")
    Boolean untilWithoutAttack;
    @Option(names = "--log-every", paramLabel = "N", description = "Evaluate, log and checkpoint every N steps (0: every epoch).")
    int logEvery;
    @Option(names = "--coherence-every", paramLabel = "K", description = "Also log the m-coherence of per-example gradients every K steps (0: off).")
    int coherenceEvery;
    @Option(names = "--coherence-sample", paramLabel = "M", description = "Training examples (a fixed seeded sample) the coherence is measured on (default: ${DEFAULT-VALUE}).")
    int coherenceSample;
    @Option(names = "--learning-times", description = "Record each training example's first epoch correct and last epoch turned correct (learning-times.json).")
    boolean learningTimes;
    @Option(names = "--seed", description = "Seed of initialisation, data order, dropout, augmentation and (unless --data-seed is given) the data.")
    long seed;
    @Option(names = "--norm-penalty", paramLabel = "BETA", description = "Add BETA ||w|| (unsquared norm of all weights) to the loss for the first --norm-penalty-epochs epochs.")
    Double normPenalty;
    @Option(names = "--norm-penalty-epochs", paramLabel = "N", description = "Epochs the norm penalty is on (default: 200).")
    Integer normPenaltyEpochs;
    @Option(names = "--learners", paramLabel = "L", description = "L learners, each with its own minibatch of --batch examples per step (plain SGD only).")
    Integer learners;
    @Option(names = "--topology", description = "all-reduce (centralised: average the L gradients, one model) or ring (decentralised: "
            + "own weights, averaged with the two ring neighbours after each step) (default: all-reduce).")
    String topology;
    @Option(names = "--threads", description = "Intra-op threads (default: ${DEFAULT-VALUE}, the cores). Results are bit-reproducible for a fixed count.")
    int threads;
    @Mixin
    CommonOptions.JsonOutput json;
    @Option(names = "--report", description = "At the end, measure the run's headline geometry (Hessian top eigenvalues and density, "
            + "m-coherence per layer, margins, norm and sharpness measures) and write its report (report.html, as gengeo report RUN_DIR does).")
    boolean report;

    @Override
    public Integer call() {
        String command = CommandLines.of(spec);
        RunRecord record;
        try (ProgressListener progress = new ProgressListener("train")) {
            if (resume != null) {
                if (out != null) {
                    throw new GengeoException("--resume and --out exclude each other (a resumed run stays in its directory)");
                }
                if (configFile != null) {
                    throw new GengeoException("--resume and --config exclude each other (a resumed run keeps its config.json)");
                }
                refuseSettingsWithResume();
                record = Trainer.resume(resume, command, progress);
            } else {
                if (out == null) {
                    throw new GengeoException("--out DIR is required (the run directory to create)");
                }
                record = Trainer.train(config(), out, command, progress);
            }
        }
        json.write(record);
        if ("diverged".equals(record.outcome())) {
            spec.commandLine().getErr().println("gengeo: error: " + record.message());
            return Main.DIVERGED;
        }
        Path dir = resume != null ? resume : out;
        if (record.config().learningTimes()) {
            RunDirectory run = RunDirectory.open(dir);
            LearningTimePage.page(dir.toString(), run.read(RunDirectory.LEARNING_TIMES), record.epochs())
                    .write(run.path(RunArtifacts.LEARNING_TIMES_PAGE));
        }
        Summaries.printRun(spec.commandLine().getOut(), record, dir);
        if (report) {
            var console = spec.commandLine().getOut();
            RunGeometry.write(dir, command, line -> {
                console.println(line);
                console.flush();
            });
            console.println("report: " + Reports.write(dir, command).get(0));
        }
        return 0;
    }

    /** Flags that may go with --resume: they say what to write at the end, not how to train. */
    private static final java.util.Set<String> RESUME_FLAGS = java.util.Set.of("--resume", "--json", "--report");

    /**
     * A resumed run continues the run in its directory exactly (bit for bit, as if never
     * interrupted), so every training setting comes from its config.json: a setting given on the
     * command line is refused rather than silently ignored (applying it would make the run's
     * config.json and provenance lie about how its weights were made).
     */
    private void refuseSettingsWithResume() {
        java.util.List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).filter(n -> !RESUME_FLAGS.contains(n)).distinct().toList();
        if (!given.isEmpty()) {
            throw new GengeoException("--resume continues the run with the settings in " + resume.resolve("config.json") + "; "
                    + String.join(", ", given) + " cannot be changed on resume (to go on with other settings, start a new run"
                    + " with --init-from " + resume.resolve("model.safetensors") + ")");
        }
    }

    /** Takes every flag's default from {@link TrainConfig#defaults()}, so the two never disagree. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (arg instanceof OptionSpec o && o.longestName().startsWith("--")) {
                Object v = TrainConfig.defaults().asMap().get(o.longestName().substring(2));
                return v == null ? null : v.toString();
            }
            return null;
        }
    }

    /**
     * The training options: the flags' values; with {@code --config FILE}, the file's values over the
     * defaults, and the flags given on the command line over those.
     */
    TrainConfig config() {
        TrainConfig flags = flags();
        if (configFile == null) {
            return flags;
        }
        Map<String, Object> values = new LinkedHashMap<>(TrainConfigFile.read(configFile));
        Map<String, Object> flagValues = flags.asMap();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (OptionSpec o : spec.options()) {
            String key = o.longestName().substring(2);
            if (parsed.hasMatchedOption(o) && TrainConfig.keys().contains(key)) {
                values.put(key, flagValues.get(key));
            }
        }
        return TrainConfig.defaults().with(values);
    }

    private TrainConfig flags() {
        DataOptions d = dataOptions;
        String dataName = d.dataName(spec.commandLine().getParseResult());
        // a module from --model-file is the model: no spec is recorded for it
        if (modelFile != null && spec.commandLine().getParseResult().hasMatchedOption("--model")) {
            throw new GengeoException("--model and --model-file exclude each other");
        }
        String modelSpec = modelFile != null ? null : model;
        return new TrainConfig(dataName, d.dataDir, d.trainSize, d.testSize, d.classes, d.binary, d.labelNoise, d.randomLabels, d.attack,
                d.standardize,
                modelSpec, activation, dropout, init, initScale, dtype, initFrom, opt, lr, momentum, nesterov, beta1, beta2, eps, winsor,
                esgdL, esgdGamma, esgdScoping, esgdInnerLr, esgdNoise, esgdAlpha,
                weightDecay, weightDecayMode, schedule, lrStepEpochs, lrGamma, batch, epochs, steps, untilTrainLoss,
                untilTrainAcc, logEvery, coherenceEvery, coherenceSample, learningTimes, seed, threads,
                d.dataSeed, normPenalty, normPenaltyEpochs, learners, topology, augment, d.normalize, weightDecayExclude,
                d.trainFile, d.testFile, modelFile, untilWithoutAttack);
    }
}
