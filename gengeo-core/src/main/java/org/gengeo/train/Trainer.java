package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.Augmentation;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.model.Evaluation;

/**
 * The training loop. Each epoch visits the training set in the order of a permutation drawn from
 * {@code Seeds.random(seed, "shuffle", epoch)}, in minibatches of {@code batch} (the last one may
 * be smaller, as PyTorch's DataLoader with drop_last=False; with {@code learners} L, each step takes
 * L minibatches, see {@link MultiLearnerSgd}), augmented when {@code augment} is set
 * ({@link TrainingAugmentation}; evaluations and measures see the data unaugmented). At every evaluation point (each epoch,
 * or every {@code log-every} steps) it evaluates train and test sets, appends to metrics.jsonl,
 * writes model.safetensors and checkpoint.safetensors atomically, and checks the stopping rules.
 * A {@code model-file} run trains a TorchScript module (in training mode, measured in evaluation
 * mode) and also writes it, with its current weights and buffers, as checkpoint.pt and model.pt.
 * A non-finite minibatch loss stops the run as diverged, leaving the last good checkpoint intact;
 * so does an evaluation with a non-finite training or test loss or non-finite weights, which is
 * then neither logged nor checkpointed (a checkpoint counts as good only if its weights and
 * evaluated losses are finite). An exception (a full disk) marks run.json {@code failed}.
 * Because every random stream depends only on the seed and the position, resuming from a checkpoint
 * reproduces an uninterrupted run bit for bit (same thread count).
 */
public final class Trainer {
    private static final String CHECKPOINT_KEY = "gengeo.checkpoint";
    private static final String DIVERGED = "diverged";
    private static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String LEARNING_PREFIX = NetworkFiles.STATE_PREFIX + "learning_times.";

    private final TrainConfig config;
    private final RunDirectory dir;
    private final TrainingListener listener;
    private final Provenance provenance;

    private Trainer(TrainConfig config, RunDirectory dir, TrainingListener listener, String command) {
        this.config = config;
        this.dir = dir;
        this.listener = listener;
        TensorEngine.start(config.threads());
        this.provenance = Provenance.current(command);
    }

    /** Trains a new run into {@code out} (which must not hold a run yet). */
    public static RunRecord train(TrainConfig config, Path out, String command, TrainingListener listener) {
        config.validate();
        RunDirectory dir = RunDirectory.create(out);
        RunRecord record;
        try {
            record = new Trainer(config, dir, listener, command).run(null);
        } catch (RuntimeException e) {
            dir.abandon();
            throw e;
        }
        dir.close();
        return record;
    }

    /** Continues the run in {@code out} from its last checkpoint. */
    public static RunRecord resume(Path out, String command, TrainingListener listener) {
        try (RunDirectory dir = RunDirectory.resume(out)) {
            if (!Files.isRegularFile(dir.checkpoint())) {
                throw new GengeoException(out + ": no checkpoint.safetensors to resume from");
            }
            TrainConfig config = dir.readConfig().validate();
            SafetensorsFile checkpoint = Safetensors.read(dir.checkpoint());
            return new Trainer(config, dir, listener, command).run(checkpoint);
        }
    }

    private RunRecord run(SafetensorsFile checkpoint) {
        DataSplit split = DataSources.load(config.dataConfig());
        Network module = config.modelFile() == null ? null : moduleNetwork(checkpoint, split);
        Architecture arch = module != null ? module.architecture() : Architecture.parse(config.model());
        if (module == null) {
            Compatibility.check(arch, split.train());
        }
        Augmentation.parse(config.augment()).check(split.train().sampleShape());
        Loss loss = Loss.forOutputs(arch.outputs());
        Precision precision = Precision.parse(config.dtype());
        Map<String, Object> dataSummary = dataSummary(split);
        if (checkpoint == null) {
            Json.write(dir.config(), config);
            Json.write(dir.data(), split.info());
        }
        try (Network net = module != null ? module
                : checkpoint == null ? initialNetwork(config)
                : NetworkFiles.load(checkpoint, precision, dir.checkpoint().toString());
             NDManager dataMemory = TensorEngine.newManager()) {
            Session s = new Session(net, loss, split, dataMemory, dataSummary);
            if (checkpoint != null) {
                s.restore(checkpoint);
            }
            return s.loop();
        }
    }

    /**
     * The TorchScript module of a {@code model-file} run: the file itself for a new run; on resume the
     * module saved with the checkpoint ({@code checkpoint.pt}, which holds the batch-norm buffers DJL
     * cannot set), its parameters then set to the checkpoint's.
     */
    private Network moduleNetwork(SafetensorsFile checkpoint, DataSplit split) {
        if (checkpoint == null) {
            return ImportedModule.open(Path.of(config.modelFile()), split.train());
        }
        Network net = ImportedModule.open(dir.checkpointModule(), split.train());
        try {
            for (Map.Entry<String, NDArray> e : net.parameters().entrySet()) {
                TensorData t = checkpoint.tensors().get(e.getKey());
                if (t == null) {
                    throw new GengeoException(dir.checkpoint() + ": parameter '" + e.getKey() + "' of the module is missing");
                }
                e.getValue().set(e.getValue().getManager().create(t.toFloatArray(), e.getValue().getShape())
                        .toType(e.getValue().getDataType(), false).toByteBuffer());
            }
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    /**
     * The network a run of {@code config} starts from: a pure function of the config and its seed, or
     * the weights of the {@code init-from} file.
     */
    public static Network initialNetwork(TrainConfig config) {
        if (config.initFrom() != null) {
            return InitFrom.load(config);
        }
        return Network.initialise(Architecture.parse(config.model()), Activation.parse(config.activation()), config.dropout(),
                Init.parse(config.init()).scaled(config.initScale()), config.seed(), Precision.parse(config.dtype()));
    }

    /** Name, source, sizes and content hashes of a split, for result records. */
    static Map<String, Object> dataSummary(DataSplit split) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", split.train().name());
        m.put("source", split.info().get("source"));
        m.put("train_size", split.train().size());
        m.put("test_size", split.test().size());
        m.put("classes", split.train().numClasses());
        m.put("train_hash", split.train().contentHash());
        m.put("test_hash", split.test().contentHash());
        return m;
    }

    /** The mutable state of one training session. */
    private final class Session {
        private final Network net;
        private final Loss loss;
        private final DeviceData train;
        private final DeviceData test;
        /** The examples the until-rules are checked on: the training set, or it without its attack points. */
        private final DeviceData untilSet;
        private final Optimizer optimizer;
        private final WeightDecay weightDecay;
        private final GradientOracle oracle;
        private final LrSchedule schedule;
        private final int batchesPerEpoch;
        private final long plannedSteps;
        private final Map<String, Object> dataSummary;
        private final CoherenceProbe coherenceProbe;
        private final LearningTimes learningTimes;
        private Position position;
        private double batchLossSum;
        private long batchLossCount;
        private MetricsLine last;
        private long sessionStartNanos;
        /** The message of a divergence an evaluation found. */
        private String divergence;
        /** The evaluation the until-rules last saw. */
        private Evaluation untilEvaluation;
        private double sessionBaseWallS;

        Session(Network net, Loss loss, DataSplit split, NDManager memory, Map<String, Object> dataSummary) {
            this.net = net;
            this.loss = loss;
            this.dataSummary = dataSummary;
            this.train = new DeviceData(split.train(), memory, net.precision());
            this.test = new DeviceData(split.test(), memory, net.precision());
            this.untilSet = Boolean.TRUE.equals(config.untilWithoutAttack()) && config.attack() > 0
                    ? new DeviceData(split.train().select(java.util.stream.IntStream.range(0, split.train().size() - config.attack()).toArray()),
                            memory, net.precision())
                    : train;
            this.weightDecay = WeightDecay.of(config, net);
            this.optimizer = Optimizers.create(config, net);
            this.oracle = new GradientOracle(net, loss, weightDecay, NormPenalty.of(config), config.seed(), train, augmentation(split));
            this.batchesPerEpoch = (train.size() + config.examplesPerStep() - 1) / config.examplesPerStep();
            this.plannedSteps = config.steps() != null
                    ? (config.epochs() == null ? config.steps() : Math.min(config.steps(), (long) config.epochs() * batchesPerEpoch))
                    : (long) config.maxEpochs() * batchesPerEpoch;
            this.schedule = new LrSchedule(LrSchedule.parse(config.schedule()), config.lr(), config.lrStepEpochs(),
                    config.lrGamma(), plannedSteps);
            this.position = new Position(0, 0, 0, 0, Instant.now().toString());
            this.learningTimes = config.learningTimes() ? new LearningTimes(train.size()) : null;
            this.coherenceProbe = config.coherenceEvery() > 0 ? new CoherenceProbe(split, config, memory, net.precision()) : null;
        }

        /** The run's augmentation of its training minibatches, padding with the split's black level. */
        private TrainingAugmentation augmentation(DataSplit split) {
            Augmentation a = Augmentation.parse(config.augment());
            return a.isNone() ? TrainingAugmentation.NONE
                    : new TrainingAugmentation(a, split.train().sampleShape(), split.black(), config.seed());
        }

        void restore(SafetensorsFile checkpoint) {
            String json = checkpoint.metadata().get(CHECKPOINT_KEY);
            if (json == null) {
                throw new GengeoException(dir.checkpoint() + ": no '" + CHECKPOINT_KEY + "' metadata; not a gengeo checkpoint");
            }
            position = Json.parse(json, Position.class, dir.checkpoint().toString());
            Map<String, TensorData> state = new LinkedHashMap<>();
            checkpoint.tensors().forEach((k, v) -> {
                if (k.startsWith(OPTIMIZER_PREFIX)) {
                    state.put(k.substring(OPTIMIZER_PREFIX.length()), v);
                }
            });
            optimizer.restore(state);
            if (learningTimes != null) {
                learningTimes.restore(checkpoint.tensors(), LEARNING_PREFIX);
            }
            dir.truncateMetrics(position.step());
            List<MetricsLine> kept = dir.readMetrics();
            last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
        }

        RunRecord loop() {
            sessionStartNanos = System.nanoTime();
            sessionBaseWallS = position.wallS();
            listener.started(position.step(), plannedSteps);
            try {
                if (position.step() == 0 && last == null) {
                    recordLearningTimes(0);
                    if (DIVERGED.equals(evaluate(schedule.at(0, 0)))) {
                        return finish(DIVERGED, divergence);
                    }
                }
                String stop = alreadyDone();
                while (stop == null) {
                    int[] order = permutation(position.epoch());
                    int b = position.batchInEpoch();
                    boolean loggedAtEnd = false;
                    for (; b < batchesPerEpoch && stop == null; b++) {
                        double lr = schedule.at(position.step(), position.epoch());
                        double batchLoss = step(order, b, lr);
                        if (!Double.isFinite(batchLoss)) {
                            return finish(DIVERGED, diverged("minibatch loss is " + batchLoss));
                        }
                        batchLossSum += batchLoss;
                        batchLossCount++;
                        boolean epochDone = b + 1 == batchesPerEpoch;
                        position = new Position(position.step() + 1, epochDone ? position.epoch() + 1 : position.epoch(),
                                epochDone ? 0 : b + 1, wallSeconds(), position.startTime());
                        listener.stepped(position.step(), batchLoss);
                        if (epochDone) {
                            recordLearningTimes(position.epoch());
                        }
                        boolean stepLimit = config.steps() != null && position.step() >= config.steps();
                        boolean logNow = (config.logEvery() > 0 ? position.step() % config.logEvery() == 0 : epochDone)
                                || coherenceDue();
                        if (logNow || stepLimit) {
                            stop = evaluate(lr);
                            loggedAtEnd = true;
                        } else {
                            loggedAtEnd = false;
                        }
                        if (stop == null && stepLimit) {
                            stop = "completed";
                        }
                    }
                    if (stop == null && position.epoch() >= config.maxEpochs()) {
                        if (!loggedAtEnd) {
                            stop = evaluate(schedule.at(position.step(), position.epoch()));
                        }
                        stop = stop == null ? "completed" : stop;
                    }
                }
                return finish(stop, message(stop));
            } catch (RuntimeException e) {
                recordFailure(e);
                throw e;
            } finally {
                listener.finished();
            }
        }

        /**
         * Marks run.json as failed (a full disk, say), so that it does not go on saying "running";
         * best effort, since the failure may prevent this write too.
         */
        private void recordFailure(RuntimeException e) {
            try {
                finish(RunRecord.FAILED, String.valueOf(e.getMessage()).replace('\n', ' ') + "; --resume " + dir.root()
                        + " continues from the last checkpoint");
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
        }

        /** The stop reason if a resumed run had already met a limit or an until-rule, else null. */
        private String alreadyDone() {
            if (last != null && last.step() == position.step()) {
                String rule = untilRule(untilSet == train ? new Evaluation(last.trainLoss(), last.trainAcc(), train.size())
                        : Evaluation.of(net, untilSet, loss));
                if (rule != null) {
                    return rule;
                }
            }
            boolean limit = position.epoch() >= config.maxEpochs()
                    || (config.steps() != null && position.step() >= config.steps());
            return limit ? "completed" : null;
        }

        /** The stop reason if {@code e} (an evaluation of the until-rules' examples) meets an until-rule, else null. */
        private String untilRule(Evaluation e) {
            untilEvaluation = e;
            if (config.untilTrainLoss() != null && e.loss() <= config.untilTrainLoss()) {
                return "reached-train-loss";
            }
            if (config.untilTrainAcc() != null && e.accuracy() >= config.untilTrainAcc()) {
                return "reached-train-acc";
            }
            return null;
        }

        /** One update on batch {@code b} of the epoch's order; returns the minibatch loss. */
        private double step(int[] order, int b, double lr) {
            int from = b * config.examplesPerStep();
            int to = Math.min(order.length, from + config.examplesPerStep());
            long[] idx = new long[to - from];
            for (int i = from; i < to; i++) {
                idx[i - from] = order[i];
            }
            try (NDScope scope = new NDScope()) {
                List<NDArray> params = net.parameterList();
                oracle.atStep(position.step());
                oracle.atEpoch(position.epoch());
                return optimizer.step(params, oracle.loopBatch(idx), oracle, lr);
            }
        }

        private int[] permutation(int epoch) {
            return DataTransforms.permutation(train.size(), Seeds.random(config.seed(), "shuffle", epoch));
        }

        private void recordLearningTimes(int epoch) {
            if (learningTimes != null) {
                learningTimes.record(epoch, Evaluation.correctness(net, train, loss));
            }
        }

        private boolean coherenceDue() {
            return coherenceProbe != null && position.step() % config.coherenceEvery() == 0;
        }

        /** Logs an evaluation point and checkpoints; returns a stop reason if an until-rule is met. */
        private String evaluate(double lr) {
            Evaluation tr = Evaluation.of(net, train, loss);
            Evaluation te = Evaluation.of(net, test, loss);
            boolean finiteWeights = weightsFinite();
            if (!Double.isFinite(tr.loss()) || !Double.isFinite(te.loss()) || !finiteWeights) {
                divergence = diverged("its evaluation has training loss " + tr.loss() + " and test loss " + te.loss()
                        + (finiteWeights ? "" : ", and weights that are not all finite"));
                return DIVERGED;
            }
            double batchLoss = batchLossCount == 0 ? Double.NaN : batchLossSum / batchLossCount;
            CoherenceProbe.Measurement coherence = coherenceDue() ? coherenceProbe.measure(net, loss) : null;
            last = new MetricsLine(position.step(), position.epoch(), tr.loss(), tr.accuracy(), te.loss(), te.accuracy(),
                    batchLoss, lr, wallSeconds(), coherence == null ? null : coherence.total(),
                    coherence == null ? null : coherence.layers(), coherence == null ? null : coherence.groups());
            batchLossSum = 0;
            batchLossCount = 0;
            dir.appendMetrics(last);
            position = new Position(position.step(), position.epoch(), position.batchInEpoch(), last.wallS(), position.startTime());
            checkpoint();
            writeRecord("running", "training", null);
            listener.evaluated(last, net);
            return untilRule(untilSet == train ? tr : Evaluation.of(net, untilSet, loss));
        }

        private void checkpoint() {
            String prov = Json.line(provenance);
            Map<String, TensorData> state = new LinkedHashMap<>();
            optimizer.snapshot().forEach((k, v) -> state.put(OPTIMIZER_PREFIX + k, v));
            if (learningTimes != null) {
                state.putAll(learningTimes.snapshot(LEARNING_PREFIX));
                Json.write(dir.learningTimes(), learningTimes.times());
            }
            if (net.torchScript() != null) {
                net.torchScript().save(dir.checkpointModule());
            }
            NetworkFiles.save(dir.checkpoint(), net, prov, state, Map.of(CHECKPOINT_KEY, Json.line(position)));
            NetworkFiles.save(dir.model(), net, prov);
            if (net.torchScript() != null) {
                net.torchScript().save(dir.module());
            }
        }

        private double wallSeconds() {
            return sessionBaseWallS + (System.nanoTime() - sessionStartNanos) / 1e9;
        }

        /** The divergence message: where, what was not finite, and what the run directory keeps. */
        private String diverged(String what) {
            long at = position.step() + (what.startsWith("minibatch") ? 1 : 0);
            return "training diverged at step " + at + ": " + what + "; " + (last == null ? "no weights were finite, so there is no "
                    + dir.model().getFileName() : dir.model() + " keeps the last good weights, from step " + last.step());
        }

        /** Whether every parameter is finite (a checkpoint counts as good only then, and only with finite losses). */
        private boolean weightsFinite() {
            try (NDScope scope = new NDScope()) {
                for (NDArray p : net.parameterList()) {
                    if (p.isNaN().logicalOr(p.isInfinite()).any().getBoolean()) {
                        return false;
                    }
                }
                return true;
            }
        }

        private String message(String stop) {
            switch (stop) {
                case "reached-train-loss": return "stopped at step " + position.step() + ": training loss " + untilEvaluation.loss()
                        + untilScope() + " <= " + config.untilTrainLoss();
                case "reached-train-acc": return "stopped at step " + position.step() + ": training accuracy " + untilEvaluation.accuracy()
                        + untilScope() + " >= " + config.untilTrainAcc();
                case DIVERGED: return divergence;
                default: return "completed " + position.step() + " steps (" + position.epoch() + " epochs)";
            }
        }

        private String untilScope() {
            return untilSet == train ? "" : " (without the " + config.attack() + " attack points)";
        }

        private RunRecord finish(String outcome, String message) {
            return writeRecord(outcome, message, Instant.now().toString());
        }

        private RunRecord writeRecord(String outcome, String message, String endTime) {
            RunRecord record = new RunRecord(provenance, config, dataSummary, position.startTime(), endTime, outcome, message,
                    position.step(), position.epoch(), last);
            Json.write(dir.run(), record);
            return record;
        }
    }
}
