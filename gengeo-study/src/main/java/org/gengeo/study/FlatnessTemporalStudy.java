package org.gengeo.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.measures.AlphaScaling;
import org.gengeo.measures.PriorVolume;
import org.gengeo.measures.Sharpness;
import org.gengeo.measures.SharpnessOptions;
import org.gengeo.measures.VolumeOptions;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;

/**
 * Runs the temporal experiment of Zhang et al. 2021 (Fig. 5): per seed, a binary FCN is trained by plain SGD
 * until it fits S ({@code fit}), then {@code rescaleAt} epochs more ({@code post}), then alpha-scaled (fc0 by
 * 1/alpha, fc1 by alpha: the same function) and trained for the rest of {@code postEpochs} ({@code rescaled}).
 * Every seed trains on the same S and E (data seed 0, as the paper's figure has one S). Every {@code measureEvery}
 * epochs, and at each phase's start and end, the weights are kept; then each kept network gets its accuracy on S and E, log10 P(f) of the labels it predicts on S u E (EP under the analytic NNGP
 * kernel on S u E) and its Keskar sharpness on S. The three phases are three runs
 * (the later two start from the earlier's weights with {@code init-from}; plain SGD has no state to carry over),
 * and every measurement is saved beside the weights it measured, so an interrupted study resumes where it stopped.
 */
public final class FlatnessTemporalStudy {
    /** The phases, in training order. */
    static final List<String> PHASES = List.of("fit", "post", "rescaled");

    private FlatnessTemporalStudy() {}

    /** Runs (or resumes) the study under {@code out}; {@code log} receives one line per seed. */
    public static FlatnessTemporalResult run(FlatnessTemporalOptions o, Path out, String command, Consumer<String> log) {
        o.validate();
        long start = System.nanoTime();
        List<TemporalPoint> points = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        Map<Integer, Integer> fitEpochs = new LinkedHashMap<>();
        String source = "none";
        for (int seed = 0; seed < o.seeds(); seed++) {
            Path dir = out.resolve("runs").resolve("s" + seed);
            TrainConfig fitConfig = fitConfig(o, seed);
            RunRecord fit = StudyRuns.ensure(dir.resolve("fit"), fitConfig, command, snapshots(dir.resolve("fit"), o, command));
            if (!fit.outcome().equals("reached-train-acc")) {
                leftOut.add(String.format(Locale.ROOT, "seed %d (%s after %d epochs, training accuracy %.4f)", seed, fit.outcome(),
                        fit.epochs(), fit.last() == null ? Double.NaN : fit.last().trainAcc()));
                log.accept(String.format(Locale.ROOT, "seed %d: did not fit S within %d epochs; left out", seed, o.maxEpochs()));
                continue;
            }
            Path fitted = dir.resolve("fit").resolve("model.safetensors");
            StudyRuns.ensure(dir.resolve("post"), fitConfig.with(phase(fitted, o.rescaleAt())), command,
                    snapshots(dir.resolve("post"), o, command));
            Path scaledStart = rescaled(dir, o, command);
            StudyRuns.ensure(dir.resolve("rescaled"), fitConfig.with(phase(scaledStart, o.postEpochs() - o.rescaleAt())), command,
                    snapshots(dir.resolve("rescaled"), o, command));
            Measurer measurer = new Measurer(o, dir.resolve("fit"), command);
            source = measurer.source;
            List<TemporalPoint> mine = measurer.measureSeed(seed, fitConfig, dir, fit.epochs());
            fitEpochs.put(seed, fit.epochs());
            points.addAll(mine);
            TemporalPoint first = mine.get(0);
            TemporalPoint last = mine.get(mine.size() - 1);
            log.accept(String.format(Locale.ROOT, "seed %d: fitted S after %d epochs; log10 P(f) %.1f -> %.1f, sharpness %.3g -> %.3g, "
                    + "test acc %.3f -> %.3f over %d points", seed, fit.epochs(), first.log10P(), last.log10P(), first.sharpness(),
                    last.sharpness(), first.testAcc(), last.testAcc(), mine.size()));
        }
        return new FlatnessTemporalResult(Provenance.current(command), o, source, fitEpochs, leftOut, points,
                FlatnessTemporalFindings.check(o, points, fitEpochs, leftOut, source), (System.nanoTime() - start) / 1e9);
    }

    /** The fitting phase: plain SGD on S (binary labels) until every example is fitted, within {@code maxEpochs}. */
    static TrainConfig fitConfig(FlatnessTemporalOptions o, int seed) {
        Map<String, Object> cfg = FlatnessStudy.binaryData(o.data(), o.dataDir(), o.trainSize(), o.testSize());
        cfg.put("model", o.model());
        cfg.put("opt", "sgd");
        cfg.put("lr", o.lr());
        cfg.put("momentum", 0.0);
        cfg.put("batch", o.batch());
        cfg.put("epochs", o.maxEpochs());
        cfg.put("until-train-acc", 1.0);
        cfg.put("seed", (long) seed);
        cfg.put("data-seed", 0L);
        cfg.put("threads", o.threads());
        return TrainConfig.defaults().with(cfg);
    }

    /** A later phase: {@code epochs} epochs from the weights in {@code from}, with no stopping rule. */
    private static Map<String, Object> phase(Path from, int epochs) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("init-from", from.toAbsolutePath().normalize().toString());
        cfg.put("epochs", epochs);
        cfg.put("until-train-acc", null);
        return cfg;
    }

    /** The post phase's last weights alpha-scaled, written once as {@code rescaled-start.safetensors}. */
    private static Path rescaled(Path dir, FlatnessTemporalOptions o, String command) {
        Path file = dir.resolve("rescaled-start.safetensors");
        if (!Files.isRegularFile(file)) {
            try (Network post = NetworkFiles.load(dir.resolve("post").resolve("model.safetensors"));
                 Network scaled = AlphaScaling.rescale(post, "fc0", "fc1", o.alpha())) {
                NetworkFiles.save(file, scaled, Json.line(Provenance.current(command)));
            }
        }
        return file;
    }

    /** Keeps the weights of every evaluation at an epoch that is a positive multiple of {@code measureEvery}. */
    private static TrainingListener snapshots(Path runDir, FlatnessTemporalOptions o, String command) {
        return new TrainingListener() {
            @Override
            public void evaluated(MetricsLine line, Network network) {
                if (line.epoch() > 0 && line.epoch() % o.measureEvery() == 0) {
                    NetworkFiles.save(snapshot(runDir, line.epoch()), network, Json.line(Provenance.current(command)));
                }
            }
        };
    }

    private static Path snapshot(Path runDir, int epoch) {
        return runDir.resolve("snapshots").resolve(String.format(Locale.ROOT, "epoch-%05d.safetensors", epoch));
    }

    /** Measures one seed's kept networks: its S and E (as its fitting run loaded them), the NNGP kernel on S u E, and the settings. */
    private static final class Measurer {
        private final FlatnessTemporalOptions o;
        private final Dataset s;
        private final Dataset e;
        private final PriorVolume.Kernel kernel;
        private final VolumeOptions volume;
        private final Init init;
        private final String source;
        private final String command;

        Measurer(FlatnessTemporalOptions o, Path fitRun, String command) {
            this.o = o;
            this.command = command;
            try (LoadedRun loaded = LoadedRun.open(RunDirectory.open(fitRun), null)) {
                s = loaded.data().train();
                e = loaded.data().test();
                init = Init.parse(loaded.config().init());
                source = String.valueOf(RunDirectory.open(fitRun).readRun().data().get("source"));
                volume = new VolumeOptions("analytic", 2, 1, e.size(), 1000, 0, 1e-5, 100, false);
                kernel = PriorVolume.kernel(loaded.network(), init, PriorVolume.concat(s, e), volume);
            }
        }

        /** Every point of one seed, in training order: start, snapshots and end of each phase. */
        List<TemporalPoint> measureSeed(int seed, TrainConfig fitConfig, Path dir, int fitEpochs) {
            List<TemporalPoint> out = new ArrayList<>();
            int offset = 0;
            for (String phase : PHASES) {
                Path run = dir.resolve(phase);
                int epochs = RunDirectory.open(run).readRun().epochs();
                for (int epoch = 0; epoch <= epochs; epoch++) {
                    Path weights = epoch == epochs ? run.resolve("model.safetensors")
                            : epoch == 0 ? null : snapshot(run, epoch);
                    boolean start = epoch == 0;
                    if (start && !phase.equals("fit") && !phase.equals("rescaled")) {
                        continue;
                    }
                    if (!start && !Files.isRegularFile(weights)) {
                        continue;
                    }
                    out.add(point(seed, phase, offset + epoch, offset + epoch - fitEpochs, run, epoch, weights, fitConfig, dir));
                }
                offset += epochs;
            }
            return out;
        }

        private TemporalPoint point(int seed, String phase, int epoch, int sinceFit, Path run, int phaseEpoch, Path weights,
                                    TrainConfig fitConfig, Path seedDir) {
            Path file = seedDir.resolve("points").resolve(String.format(Locale.ROOT, "%s-%05d.json", phase, phaseEpoch));
            if (Files.isRegularFile(file)) {
                return Json.read(file, TemporalPoint.class);
            }
            Network net = weights != null ? NetworkFiles.load(weights)
                    : phase.equals("fit") ? Trainer.initialNetwork(fitConfig)
                    : NetworkFiles.load(seedDir.resolve("rescaled-start.safetensors"));
            try (net) {
                TemporalPoint p = measure(net, seed, phase, epoch, sinceFit, run);
                Json.write(file, p);
                return p;
            }
        }

        private TemporalPoint measure(Network net, int seed, String phase, int epoch, int sinceFit, Path run) {
            if (net.architecture().outputs() != 1) {
                throw new GengeoException(o.model() + ": the temporal study needs one output logit");
            }
            Evaluation train;
            Evaluation test;
            try (var memory = TensorEngine.newManager()) {
                train = Evaluation.of(net, new DeviceData(s, memory, net.precision()), Loss.BINARY_CROSS_ENTROPY);
                test = Evaluation.of(net, new DeviceData(e, memory, net.precision()), Loss.BINARY_CROSS_ENTROPY);
            }
            int[] f = PriorVolume.predictedFunction(net, PriorVolume.concat(s, e));
            double log10P = PriorVolume.logPrior(kernel, f, volume).log10Z();
            SharpnessOptions so = new SharpnessOptions(o.eps(), o.sharpnessSteps(), 0.1, seed, 1000, false, 2, 2);
            double sharpness = Sharpness.run(net, s, so, run.toString(), Provenance.current(command)).sharpness();
            StringBuilder labels = new StringBuilder(f.length);
            for (int y : f) {
                labels.append(y > 0 ? '1' : '0');
            }
            return new TemporalPoint(seed, phase, epoch, sinceFit, train.loss(), train.accuracy(), test.accuracy(), log10P, sharpness,
                    labels.toString());
        }
    }
}
