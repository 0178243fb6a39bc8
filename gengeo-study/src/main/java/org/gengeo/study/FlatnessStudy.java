package org.gengeo.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.measures.AlphaScaling;
import org.gengeo.measures.PriorVolume;
import org.gengeo.measures.Sharpness;
import org.gengeo.measures.SharpnessOptions;
import org.gengeo.measures.SharpnessResult;
import org.gengeo.measures.VolumeOptions;
import org.gengeo.measures.VolumeResult;
import org.gengeo.stats.Correlations;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;

/**
 * Runs the flatness-versus-volume study (Zhang et al. 2021, "Why flatness does and does not
 * correlate with generalization for deep neural networks"): for each optimiser, attack size and
 * seed, trains a binary classifier on S plus |A| flipped-label attack points until it fits them all,
 * then measures its test accuracy on E, log10 P(f) (f = true labels on S, predictions on E; EP under
 * the analytic NNGP kernel), Keskar sharpness and the Hessian's top eigenvalue, trace and Frobenius
 * norm (on S, as the authors' code does, or on S plus A), then alpha-scales fc0/fc1 and measures again. Each network's row is saved next to its run,
 * so an interrupted study resumes where it stopped.
 */
public final class FlatnessStudy {
    /** File holding one network's measures inside its run directory. */
    static final String ROW_FILE = "flatness-row.json";

    private FlatnessStudy() {}

    /** Runs (or resumes) the study under {@code out}; {@code log} receives one line per network. */
    public static FlatnessStudyResult run(FlatnessStudyOptions o, Path out, String command, Consumer<String> log) {
        o.validate();
        long start = System.nanoTime();
        List<FlatnessRow> rows = new ArrayList<>();
        for (String opt : o.optimisers()) {
            for (int attack : o.attacks()) {
                for (int seed = 0; seed < o.seeds(); seed++) {
                    Path dir = out.resolve("runs").resolve(String.format(Locale.ROOT, "%s-a%d-s%d", opt, attack, seed));
                    FlatnessRow row = stored(dir, o.measureOn(), stopsOn(o, attack));
                    if (row == null) {
                        row = measure(o, opt, attack, seed, dir, command);
                    }
                    rows.add(row);
                    log.accept(String.format(Locale.ROOT, "%-11s |A|=%-4d seed %d: train acc %.3f test acc %.4f log10 P(f) %.2f "
                            + "sharpness %.3g -> %.3g lambda_max %.3g -> %.3g", opt, attack, seed, row.trainAcc(), row.testAcc(),
                            row.log10P(), row.sharpness(), row.sharpnessScaled(), row.topEigenvalue(), row.topEigenvalueScaled()));
                }
            }
        }
        List<FlatnessStudyResult.Correlation> taus = correlations(o, rows);
        return new FlatnessStudyResult(Provenance.current(command), o, rows, taus, FlatnessFindings.check(o, rows, dataSources(rows)),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Where the networks' data came from, as their runs recorded it (a directory, or {@code embedded} when
     * {@code fashion-mnist} fell back to the subset shipped in gengeo), distinct values joined by commas.
     */
    private static String dataSources(List<FlatnessRow> rows) {
        return rows.stream().map(r -> String.valueOf(RunDirectory.open(Path.of(r.run())).readRun().data().get("source")))
                .distinct().collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The set whose 100% accuracy stops a network's training: S u A is S when there is no attack set, so the networks
     * without one are the same under both rules.
     */
    static String stopsOn(FlatnessStudyOptions o, int attack) {
        return attack == 0 ? "S+A" : o.stopOn();
    }

    /**
     * The network's saved row if it was measured on {@code measureOn} after training stopped on {@code stoppedOn},
     * else null (measure again; the training is reused if it stopped by the same rule).
     */
    private static FlatnessRow stored(Path dir, String measureOn, String stoppedOn) {
        if (!Files.isRegularFile(dir.resolve(ROW_FILE))) {
            return null;
        }
        FlatnessRow row = Json.read(dir.resolve(ROW_FILE), FlatnessRow.class);
        String on = row.measuredOn() == null ? "S+A" : row.measuredOn();
        String stopped = row.stoppedOn() == null ? "S+A" : row.stoppedOn();
        return on.equals(measureOn) && stopped.equals(stoppedOn) && row.heldOutLog10P() != null ? row : null;
    }

    private static FlatnessRow measure(FlatnessStudyOptions o, String opt, int attack, int seed, Path dir, String command) {
        RunDirectory existing = Files.isRegularFile(dir.resolve("config.json")) ? RunDirectory.open(dir) : null;
        boolean withoutAttack = stopsOn(o, attack).equals("S");
        boolean sameRule = existing != null && Boolean.TRUE.equals(existing.readConfig().untilWithoutAttack()) == withoutAttack;
        boolean finished = sameRule && Files.isRegularFile(existing.run()) && existing.readRun().endTime() != null;
        boolean resumable = sameRule && Files.isRegularFile(existing.checkpoint()) && existing.readConfig().threads() == o.threads();
        if (!finished && resumable) {
            Trainer.resume(dir, command, TrainingListener.NONE);
        } else if (!finished) {
            Map<String, Object> cfg = binaryData(o.data(), o.dataDir(), o.trainSize(), o.testSize());
            cfg.put("attack", attack);
            cfg.put("model", o.model());
            cfg.put("opt", opt);
            cfg.put("lr", o.lr(opt));
            if (opt.equals("entropy-sgd")) {
                cfg.put("esgd-l", o.esgd().innerSteps());
                cfg.put("esgd-gamma", o.esgd().gamma());
                cfg.put("esgd-scoping", o.esgd().scoping());
                cfg.put("esgd-inner-lr", o.esgd().innerLr());
                cfg.put("esgd-noise", o.esgd().noise());
                cfg.put("esgd-alpha", o.esgd().alpha());
            }
            cfg.put("momentum", 0.0);
            cfg.put("batch", o.batch());
            cfg.put("epochs", o.maxEpochs());
            cfg.put("until-train-acc", 1.0);
            if (withoutAttack) {
                cfg.put("until-without-attack", true);
            }
            cfg.put("seed", (long) seed);
            cfg.put("threads", o.threads());
            deleteIfPartial(dir);
            Trainer.train(TrainConfig.defaults().with(cfg), dir, command, TrainingListener.NONE);
        }
        RunRecord record = RunDirectory.open(dir).readRun();
        try (LoadedRun loaded = LoadedRun.open(RunDirectory.open(dir), null);
             Network scaled = AlphaScaling.rescale(loaded.network(), "fc0", "fc1", o.alpha())) {
            Network net = loaded.network();
            Dataset train = loaded.data().train();
            Dataset s = PriorVolume.withoutAttack(train, attack);
            Dataset e = loaded.data().test();
            Dataset[] halves = halves(e);
            Evaluation trainEval;
            Evaluation testEval;
            Evaluation firstHalfEval;
            try (var memory = TensorEngine.newManager()) {
                trainEval = Evaluation.of(net, new DeviceData(train, memory, net.precision()), Loss.BINARY_CROSS_ENTROPY);
                testEval = Evaluation.of(net, new DeviceData(e, memory, net.precision()), Loss.BINARY_CROSS_ENTROPY);
                firstHalfEval = Evaluation.of(net, new DeviceData(halves[0], memory, net.precision()), Loss.BINARY_CROSS_ENTROPY);
            }
            VolumeOptions vo = new VolumeOptions("analytic", 2, 1, o.testSize(), 1000, 0, 1e-5, 100, false);
            Init init = Init.parse(loaded.config().init());
            Provenance p = Provenance.current(command);
            VolumeResult v = PriorVolume.run(net, init, s, e, vo, dir.toString(), p);
            VolumeResult vs = PriorVolume.run(scaled, init, s, e, vo, dir.toString(), p);
            VolumeResult heldOut = PriorVolume.run(net, init, s, halves[1], vo, dir.toString(), p);
            SharpnessOptions so = new SharpnessOptions(o.eps(), o.sharpnessSteps(), 0.1, seed, 1000, true, 60, 10);
            Dataset measured = o.measureOn().equals("S") ? s : train;
            SharpnessResult sh = Sharpness.run(net, measured, so, dir.toString(), p);
            SharpnessResult shs = Sharpness.run(scaled, measured, so, dir.toString(), p);
            double diff = Math.max(AlphaScaling.compare(net, scaled, train).relativeDifference(),
                    AlphaScaling.compare(net, scaled, e).relativeDifference());
            FlatnessRow row = new FlatnessRow(opt, attack, seed, dir.toString(), record.epochs(), trainEval.accuracy(),
                    testEval.accuracy(), v.log10P(), vs.log10P(), v.ep().iterations(), sh.sharpness(), shs.sharpness(),
                    sh.topEigenvalue(), shs.topEigenvalue(), sh.trace(), shs.trace(), sh.hessianFrobenius(), shs.hessianFrobenius(),
                    sh.weightNormProduct(), diff, o.measureOn(), firstHalfEval.accuracy(), heldOut.log10P(), stopsOn(o, attack));
            Json.write(dir.resolve(ROW_FILE), row);
            return row;
        }
    }

    /** The training options of the study's data: {@code data} relabelled 0-4 vs 5-9, |S| and |E| (shared by the temporal study). */
    static Map<String, Object> binaryData(String data, String dataDir, int trainSize, int testSize) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("data", data);
        if (dataDir != null) {
            cfg.put("data-dir", dataDir);
        }
        cfg.put("binary", true);
        cfg.put("train-size", trainSize);
        cfg.put("test-size", testSize);
        return cfg;
    }

    /**
     * E split in two halves of sizes floor(|E| / 2) and the rest, in E's order: the first measures test
     * accuracy and the second, E', is where P(f) of the held-out control takes the network's predictions,
     * so that the prior probability of the function never sees the examples that score it.
     */
    static Dataset[] halves(Dataset e) {
        int n = e.size();
        if (n < 2) {
            throw new org.gengeo.core.GengeoException("the held-out P(f) control needs |E| >= 2, got " + n);
        }
        int[] first = java.util.stream.IntStream.range(0, n / 2).toArray();
        int[] second = java.util.stream.IntStream.range(n / 2, n).toArray();
        return new Dataset[] {e.select(first), e.select(second)};
    }

    /** A run directory an interrupted study cannot resume (no checkpoint, another thread count or stopping rule) is started again. */
    private static void deleteIfPartial(Path dir) {
        if (Files.exists(dir.resolve("config.json"))) {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            } catch (java.io.IOException ex) {
                throw new org.gengeo.core.GengeoException(dir + ": cannot remove the unfinished run: " + ex.getMessage());
            }
        }
    }

    /** The name of the group of all networks, whatever their optimiser. */
    static final String POOLED = "all";

    /** The groups the correlations are taken over: each optimiser, then all networks together when there are several optimisers. */
    static List<String> groups(FlatnessStudyOptions o) {
        List<String> g = new ArrayList<>(o.optimisers());
        if (g.size() > 1) {
            g.add(POOLED);
        }
        return g;
    }

    /** The measures correlated with test accuracy, by name. */
    static Map<String, ToDoubleFunction<FlatnessRow>> measures() {
        Map<String, ToDoubleFunction<FlatnessRow>> m = new LinkedHashMap<>();
        m.put("log10 P(f)", FlatnessRow::log10P);
        m.put("log10 P(f), alpha-scaled", FlatnessRow::scaledLog10P);
        m.put("sharpness", FlatnessRow::sharpness);
        m.put("sharpness, alpha-scaled", FlatnessRow::sharpnessScaled);
        m.put("lambda_max", FlatnessRow::topEigenvalue);
        m.put("lambda_max, alpha-scaled", FlatnessRow::topEigenvalueScaled);
        m.put("Hessian trace", FlatnessRow::trace);
        m.put("Hessian Frobenius norm", FlatnessRow::frobenius);
        m.put("product of weight norms", FlatnessRow::weightNorms);
        return m;
    }

    private static List<FlatnessStudyResult.Correlation> correlations(FlatnessStudyOptions o, List<FlatnessRow> rows) {
        List<FlatnessStudyResult.Correlation> out = new ArrayList<>();
        for (String opt : groups(o)) {
            List<FlatnessRow> mine = rows.stream().filter(r -> opt.equals(POOLED) || r.optimiser().equals(opt)).toList();
            double[] acc = mine.stream().mapToDouble(FlatnessRow::testAcc).toArray();
            for (Map.Entry<String, ToDoubleFunction<FlatnessRow>> m : measures().entrySet()) {
                double[] x = mine.stream().mapToDouble(m.getValue()).toArray();
                out.add(new FlatnessStudyResult.Correlation(opt, m.getKey(),
                        mine.size() < 2 ? Double.NaN : Correlations.kendallTau(x, acc), mine.size()));
            }
        }
        return out;
    }
}
