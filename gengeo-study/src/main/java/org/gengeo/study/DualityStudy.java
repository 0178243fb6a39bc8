package org.gengeo.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.findings.StudyFindings;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.CsvTable;
import org.gengeo.core.io.Json;
import org.gengeo.core.tensor.Precision;
import org.gengeo.duality.DualityAnalysis;
import org.gengeo.duality.DualityOptions;
import org.gengeo.duality.DualityResult;
import org.gengeo.stats.Correlations;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;

/**
 * The factor studies of the activity-weight duality (Feng and Tu 2022): for each value of one
 * training factor and each seed, train MLP 784-30-30-10 (no biases, ReLU, plain SGD) on one fixed
 * data set until the training loss is below 1e-3 (or the epoch cap), then decompose its generalization loss on the
 * hidden-to-hidden layer fc1 with {@link DualityAnalysis}. Each run lives in
 * {@code OUT/runs/VALUE/seed-S}; a finished run is not trained again, nor analysed again when its
 * {@code duality.json} has the same options, so an interrupted study resumes and adding seeds costs
 * only the new runs. Writes {@code OUT/study.json}, {@code OUT/findings.json} (the gap's direction, {@link DualityFindings}),
 * {@code OUT/study.csv} (one row per run) and
 * {@code OUT/index.html}.
 */
public final class DualityStudy {
    /** Sharpness or size "moved" when |Spearman(factor, measure)| is at least this over all runs ... */
    public static final double MOVED_RHO = 0.5;
    /** ... and the mean changed by at least this fraction between the first and the last value. */
    public static final double MOVED_CHANGE = 0.1;
    /** The data seed of every run. */
    public static final long DATA_SEED = 0;

    private DualityStudy() {}

    /**
     * What to run.
     *
     * @param sweep   the factor and its values
     * @param preset  "quick" or "full"
     * @param base    the training config every run starts from (preset, data, threads)
     * @param seeds   seeds 0..seeds-1 per value
     * @param layer   the layer analysed
     * @param out     the study directory
     * @param command the command line, for provenance
     */
    public record Options(DualityFactor.Sweep sweep, String preset, TrainConfig base, int seeds, String layer, Path out, String command) {}

    /** One trained and analysed run. */
    public record RunSummary(double value, long seed, String dir, String outcome, int epochs, double trainLoss, double testLoss,
                             double testError, double generalizationLoss, double identity, double meanTerms, double covarianceTerms,
                             double secondOrder, double sharpCov, double flatCov, double sharpCovByH, double flatCovByH,
                             double sharpness, double size, double weightNorm, double topH, double sigmaG1, int pairs) {}

    /** Mean and standard deviation over seeds of the run measures, for one value. */
    public record ValueSummary(double value, int runs, Map<String, double[]> meanStd) {}

    /** Whether the factor moved a measure: Spearman over runs, relative change of the means from the first to the last value. */
    public record Movement(String measure, double spearman, double relativeChange, boolean moved) {}

    /** {@code study.json}. */
    public record StudyResult(Provenance provenance, String study, String factor, String trainingKey, double[] values, String preset,
                              TrainConfig base, int seeds, String layer, List<RunSummary> runs, List<ValueSummary> byValue,
                              List<Movement> movements, Map<String, double[]> curves, double wallS) {}

    /**
     * The training config of a preset: the paper's setting (full: Fashion-MNIST, 4,000 training and
     * 1,000 test images) or a smaller one (quick: the embedded subset, 500 training and 1,000 test
     * images). Both stop at the paper's training loss 1e-3, at most 1,000 epochs; runs that reach the
     * epoch cap instead are marked by their outcome. The data seed is fixed at {@link #DATA_SEED}, so
     * the seeds of a setting differ only in initialisation, batch order and dropout, and every setting
     * sees the same images (and the same mislabelled ones), as in the paper.
     */
    public static TrainConfig preset(String name, int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "mlp:784-30-30-10:nobias");
        m.put("activation", "relu");
        m.put("init", "torch");
        m.put("opt", "sgd");
        m.put("momentum", 0.0);
        m.put("lr", 0.1);
        m.put("batch", 25);
        m.put("until-train-loss", 1e-3);
        m.put("epochs", TrainConfig.UNTIL_CAP_EPOCHS);
        m.put("data-seed", DATA_SEED);
        m.put("test-size", 1000);
        m.put("threads", threads);
        if (name.equals("full")) {
            m.put("data", "fashion-mnist");
            m.put("train-size", 4000);
        } else if (name.equals("quick")) {
            m.put("data", "fashion-mnist-embedded");
            m.put("train-size", 500);
        } else {
            throw new GengeoException("--preset must be quick or full, got '" + name + "'");
        }
        return TrainConfig.defaults().with(m);
    }

    /** Runs the study, reporting one line per run to {@code log}. */
    public static StudyResult run(Options o, Consumer<String> log) {
        long start = System.nanoTime();
        DualityFactor factor = o.sweep().factor();
        List<RunSummary> runs = new ArrayList<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        DualityResult example = null;
        for (double value : o.sweep().values()) {
            TrainConfig valued = factor.apply(o.base(), value);
            for (long seed = 0; seed < o.seeds(); seed++) {
                Path dir = o.out().resolve("runs").resolve(DualityFactor.label(value)).resolve("seed-" + seed);
                RunRecord record = trainOrReuse(valued.with("seed", seed), dir, o.command());
                DualityResult r = analyseOrReuse(dir, o.layer(), o.command());
                RunSummary s = summary(value, seed, dir, record, r);
                runs.add(s);
                if (seed == 0) {
                    String v = DualityFactor.label(value);
                    curves.put("sigma_g:" + v, sorted(r.directions().sigmaG(), r.orderBySigmaG()));
                    curves.put("c:" + v, sorted(r.directions().c(), r.orderBySigmaG()));
                    curves.put("cumulative_size:" + v, cumulative(sorted(r.directions().sigmaW(), r.orderBySigmaG())));
                    if (example == null) {
                        example = r;
                    }
                }
                log.accept(String.format(java.util.Locale.ROOT,
                        "%s=%s seed %d: %s after %d epochs, gap %.4g, identity %.4g (sharp %.3g, flat %.3g), sharpness %.4g, size %.4g",
                        factor.name(), DualityFactor.label(value), seed, s.outcome(), s.epochs(), s.generalizationLoss(), s.identity(),
                        s.sharpCov(), s.flatCov(), s.sharpness(), s.size()));
            }
        }
        StudyResult result = new StudyResult(Provenance.current(o.command()), "duality", factor.name(), factor.key(), o.sweep().values(),
                o.preset(), o.base(), o.seeds(), o.layer(), runs, byValue(o.sweep().values(), runs), movements(runs, o.sweep().values()),
                curves, (System.nanoTime() - start) / 1e9);
        Json.write(o.out().resolve("study.json"), result);
        new StudyFindings("duality", result.provenance(), DualityFindings.of(result)).write(o.out());
        csv(runs).write(o.out().resolve("study.csv"));
        DualityStudyPage.page(result, example).write(o.out().resolve("index.html"));
        return result;
    }

    private static RunRecord trainOrReuse(TrainConfig config, Path dir, String command) {
        if (Files.isRegularFile(dir.resolve("run.json"))) {
            RunRecord done = RunDirectory.open(dir).readRun();
            if (done.ended()) {
                return done;
            }
            return Trainer.resume(dir, command, TrainingListener.NONE);
        }
        return Trainer.train(config, dir, command, TrainingListener.NONE);
    }

    /**
     * The run's decomposition: read from its {@code duality.json} when that was made with the same
     * options (the run ended before it was analysed, so its weights are those analysed), otherwise
     * computed and written there.
     */
    private static DualityResult analyseOrReuse(Path dir, String layer, String command) {
        DualityOptions d = DualityOptions.defaults();
        DualityOptions o = new DualityOptions(layer, d.augmented(), d.space(), d.neighbours(), d.allPairs(), d.hessian(), d.top(),
                d.denseLimit(), d.sharp(), d.chunk(), d.seed());
        Path file = dir.resolve(RunArtifacts.DUALITY.file());
        if (Files.isRegularFile(file)) {
            DualityResult done = Json.read(file, DualityResult.class);
            if (o.equals(done.options())) {
                return done;
            }
        }
        DualityResult r;
        try (LoadedRun run = LoadedRun.open(RunDirectory.open(dir), Precision.FLOAT64)) {
            r = DualityAnalysis.run(run.network(), DualityAnalysis.cleanTrain(run.data()), run.data().test(), o, dir.toString(),
                    Provenance.current(command), DualityAnalysis.mislabelled(run.data()).length);
        }
        Json.write(file, r);
        return r;
    }

    private static RunSummary summary(double value, long seed, Path dir, RunRecord record, DualityResult r) {
        double testAcc = record.last() == null ? Double.NaN : record.last().testAcc();
        double[] h = r.directions().h();
        return new RunSummary(value, seed, dir.toString(), record.outcome(), record.epochs(), r.trainLoss(), r.testLoss(), 1 - testAcc,
                r.generalizationLoss(), r.identity().total(), r.identity().meanTerms(), r.identity().covarianceTerms(),
                r.secondOrder().full(), r.splitBySigmaG().sharpCov(), r.splitBySigmaG().flatCov(), r.splitByH().sharpCov(),
                r.splitByH().flatCov(), r.size().sumSigmaG2(), r.size().sumSigmaW2(), r.size().weightNorm(), h.length == 0 ? 0 : h[0],
                r.directions().sigmaG()[r.orderBySigmaG()[0]], r.pairs());
    }

    /** The run measures by name, as the CSV columns and the per-value summaries use them. */
    static Map<String, Double> measures(RunSummary s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("generalization_loss", s.generalizationLoss());
        m.put("identity", s.identity());
        m.put("second_order", s.secondOrder());
        m.put("sharp_cov", s.sharpCov());
        m.put("flat_cov", s.flatCov());
        m.put("sharpness_sum_sigma_g2", s.sharpness());
        m.put("size_sum_sigma_w2", s.size());
        m.put("sigma_g1", s.sigmaG1());
        m.put("top_h", s.topH());
        m.put("weight_norm", s.weightNorm());
        m.put("test_error", s.testError());
        m.put("train_loss", s.trainLoss());
        m.put("epochs", (double) s.epochs());
        return m;
    }

    private static List<ValueSummary> byValue(double[] values, List<RunSummary> runs) {
        List<ValueSummary> out = new ArrayList<>();
        for (double v : values) {
            List<RunSummary> at = runs.stream().filter(r -> r.value() == v).toList();
            Map<String, double[]> ms = new LinkedHashMap<>();
            for (String name : measures(at.get(0)).keySet()) {
                double[] x = at.stream().mapToDouble(r -> measures(r).get(name)).toArray();
                ms.put(name, meanStd(x));
            }
            out.add(new ValueSummary(v, at.size(), ms));
        }
        return out;
    }

    private static List<Movement> movements(List<RunSummary> runs, double[] values) {
        List<Movement> out = new ArrayList<>();
        double[] x = runs.stream().mapToDouble(RunSummary::value).toArray();
        for (String name : List.of("generalization_loss", "sharpness_sum_sigma_g2", "sigma_g1", "top_h", "size_sum_sigma_w2", "test_error")) {
            double[] y = runs.stream().mapToDouble(r -> measures(r).get(name)).toArray();
            double first = mean(runs.stream().filter(r -> r.value() == values[0]).mapToDouble(r -> measures(r).get(name)).toArray());
            double last = mean(runs.stream().filter(r -> r.value() == values[values.length - 1])
                    .mapToDouble(r -> measures(r).get(name)).toArray());
            double rho = values.length > 1 ? Correlations.spearman(x, y) : Double.NaN;
            double change = (last - first) / Math.abs(first);
            out.add(new Movement(name, rho, change, Math.abs(rho) >= MOVED_RHO && Math.abs(change) >= MOVED_CHANGE));
        }
        return out;
    }

    private static CsvTable csv(List<RunSummary> runs) {
        List<String> header = new ArrayList<>(List.of("value", "seed", "outcome", "pairs"));
        header.addAll(measures(runs.get(0)).keySet());
        CsvTable t = new CsvTable(header.toArray(new String[0]));
        for (RunSummary r : runs) {
            List<Object> row = new ArrayList<>(List.of(r.value(), r.seed(), r.outcome(), r.pairs()));
            row.addAll(measures(r).values());
            t.row(row.toArray());
        }
        return t;
    }

    static double[] sorted(double[] v, int[] order) {
        double[] out = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }

    static double[] cumulative(double[] v) {
        double[] out = new double[v.length];
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i];
            out[i] = s;
        }
        return out;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** {mean, population standard deviation}. */
    static double[] meanStd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return new double[] {m, Math.sqrt(s / x.length)};
    }
}
