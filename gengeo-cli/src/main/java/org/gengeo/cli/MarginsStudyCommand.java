package org.gengeo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.concurrent.Callable;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.CsvTable;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Architecture;
import org.gengeo.margins.MarginPruning;
import org.gengeo.study.MarginAreaStudy;
import org.gengeo.study.MarginStudyPages;
import org.gengeo.study.MarginStudies;
import org.gengeo.study.SignatureZooStudy;
import org.gengeo.stats.LinearRegression;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.findings.Finding;
import org.gengeo.findings.FindingsTable;
import org.gengeo.findings.StudyFindings;
import org.gengeo.study.MarginFindings;
import org.gengeo.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gengeo study margins}: the margin-distribution experiments of Banburski et al. (2021). */
@Command(name = "margins", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Margin distributions and generalization: (pruning) dynamic low-margin pruning after separation with random and",
                "keep-highest controls, and the overlap of the kept subsets across seeds; (area) margin-curve area vs test error over",
                "a family of networks trained to 100%% training accuracy, against min/median/unnormalised baselines; (signature) the",
                "regression of the generalization gap on Jiang et al.'s margin-signature log features across a model zoo (a sweep).",
                "Writes margins-study.json, area.csv, area-coefficients.csv, pruning.csv, overlap.csv, signature.csv, signature-fits.csv",
                "findings.json (the paper's claims with bootstrap CIs over seeds or networks and their verdicts) and index.html into --out;",
                "pruning runs (OUT/pruning-runs) and trained networks (OUT/runs, OUT/zoo) are reused when the study is run again."})
public final class MarginsStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--preset", defaultValue = "quick", description = "tiny (seconds, for tests), quick (minutes on 2 cores), full (paper scale, hours), resnet (batch-normalised ResNet-8 "
            + "with weight decay 5e-4 on the embedded data) or cifar10 (ResNet-20 on CIFAR-10, give --data-dir; hours) (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--parts", defaultValue = "pruning,area,signature", split = ",",
            description = "Studies to run: pruning (with overlap), area, signature (default: ${DEFAULT-VALUE}).")
    List<String> parts;
    @Option(names = "--data", defaultValue = "fashion-mnist-embedded", description = "Data set (default: ${DEFAULT-VALUE}).")
    String data;
    @Option(names = "--model", description = "Override the preset's pruning model (any spec, e.g. resnet20:w=8:in=1x28x28).")
    String model;
    @Option(names = "--weight-decay", description = "Weight decay of the pruning runs (default: 5e-4 for resnet and cifar10, else 0).")
    Double weightDecay;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory with the data files (CIFAR-10 for --preset cifar10).")
    Path dataDir;
    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per pruning rule (overlap needs 2+) (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--area-seeds", defaultValue = "1", description = "Seeds per configuration of the area family; the grid is repeated "
            + "with new seeds, so more seeds reuse the networks of fewer (default: ${DEFAULT-VALUE}).")
    int areaSeeds;
    @Option(names = "--zoo", paramLabel = "PRESET|FILE", description = "Model zoo of the signature study: a sweep file or a built-in "
            + "sweep with the margin-signature measure (default: margin-zoo-tiny, margin-zoo-quick, margin-zoo-resnet or margin-zoo for the preset).")
    String zoo;
    @Option(names = "--folds", defaultValue = "10", description = "Cross-validation folds of the signature regression (default: ${DEFAULT-VALUE}).")
    int folds;
    @Mixin
    CommonOptions.Threads threads;

    /** {@code margins-study.json}. */
    public record StudyRecord(Provenance provenance, String preset, String data, MarginStudies.PruningStudy pruning,
                              MarginAreaStudy.Result area, SignatureZooStudy.Result signature) {}

    @Override
    public Integer call() {
        if (!List.of("tiny", "quick", "full", "resnet", "cifar10").contains(preset)) {
            throw new GengeoException("--preset must be tiny, quick, full, resnet or cifar10, got '" + preset + "'");
        }
        for (String p : parts) {
            if (!List.of("pruning", "area", "signature").contains(p)) {
                throw new GengeoException("--parts takes pruning, area and/or signature, got '" + p + "'");
            }
        }
        if (seeds < 1) {
            throw new GengeoException("--seeds must be at least 1");
        }
        if (weightDecay != null && !(weightDecay >= 0)) {
            throw new GengeoException("--weight-decay must be a number >= 0, got " + weightDecay);
        }
        if (areaSeeds < 1) {
            throw new GengeoException("--area-seeds must be at least 1");
        }
        if (folds < 2) {
            throw new GengeoException("--folds must be at least 2");
        }
        SweepPlan zooPlan = parts.contains("signature") ? zooPlan() : null;
        threads.startEngine();
        boolean full = preset.equals("full") || preset.equals("cifar10");
        boolean tiny = preset.equals("tiny");
        String command = CommandLines.of(spec);
        var console = spec.commandLine().getOut();
        TrainConfig base = TrainConfig.defaults().with(Map.of("data", preset.equals("cifar10") ? "cifar10" : data,
                "train-size", full ? 50000 : tiny ? 200 : 1000, "test-size", full ? 10000 : tiny ? 200 : 1000,
                "model", model != null ? model : presetModel(), "lr", 0.05, "batch", full ? 128 : 50, "threads", TensorEngine.threads(),
                "weight-decay", weightDecay != null ? weightDecay : residualPreset() ? 5e-4 : 0.0));
        if (dataDir != null) {
            base = base.with("data-dir", dataDir.toString());
        }
        MarginStudies.PruningStudy pruning = null;
        if (parts.contains("pruning")) {
            List<Long> seedList = new ArrayList<>();
            for (long s = 0; s < seeds; s++) {
                seedList.add(s);
            }
            pruning = MarginStudies.pruning(base, MarginStudies.data(base),
                    new MarginPruning.Schedule(full ? 5 : 2, 0.5, 0.01, full ? 300 : 100), seedList, out.resolve("pruning-runs"));
            for (MarginPruning.Result r : pruning.runs()) {
                MarginPruning.Epoch last = r.epochs().get(r.epochs().size() - 1);
                console.printf(Locale.ROOT, "pruning %-11s seed %d: separated at epoch %d, final |S|/N %.4f, test accuracy %.4f%n",
                        r.selection().label(), r.seed(), r.separatedAt(), last.retained(), last.testAccuracy());
            }
            console.flush();
        }
        AreaRun areaRun = parts.contains("area") ? area(base, command, console) : null;
        MarginAreaStudy.Result area = areaRun == null ? null : areaRun.result();
        SignatureZooStudy.Result signature = null;
        if (parts.contains("signature")) {
            signature = signature(zooPlan, command, console);
        }
        StudyRecord record = new StudyRecord(Provenance.current(command), preset, data, pruning, area, signature);
        Json.write(out.resolve("margins-study.json"), record);
        List<Finding> findings = new ArrayList<>();
        if (pruning != null) {
            findings.addAll(MarginFindings.pruning(pruning, pruningSetting(base, pruning)));
        }
        if (area != null) {
            findings.addAll(MarginFindings.area(area, areaSeeds, areaRun.setting()));
        }
        StudyFindings study = new StudyFindings("margins", record.provenance(), findings);
        study.write(out);
        console.print(new FindingsTable(List.of(study)).text());
        writeCsv(record);
        MarginStudyPages.page(command, area, pruning, signature).write(out.resolve("index.html"));
        console.println("written to " + out);
        console.flush();
        return 0;
    }

    /** The area study's result and its setting in words. */
    private record AreaRun(MarginAreaStudy.Result result, String setting) {}

    /**
     * Study 1: the family of networks of the preset (quick: 24 MLPs on 500 images per seed, tiny: 4 on 100), all
     * trained on true labels until 100% training accuracy (epoch cap 1000), after 100 epochs of pretraining on partly random labels;
     * quick and tiny evaluate (and check for separation) every 50 steps, full every epoch.
     */
    private AreaRun area(TrainConfig base, String command, java.io.PrintWriter console) {
        MarginAreaStudy.Grid grid = switch (preset) {
            case "tiny" -> new MarginAreaStudy.Grid(new int[] {32, 64}, new double[] {0}, new double[] {1}, new double[] {0, 1}, 5);
            case "quick" -> new MarginAreaStudy.Grid(new int[] {64, 256}, new double[] {0, 1e-3}, new double[] {1, 2},
                    new double[] {0, 0.5, 1}, 100);
            case "resnet" -> new MarginAreaStudy.Grid(new int[] {4, 8}, new double[] {5e-4}, new double[] {1},
                    new double[] {0, 1}, 20);
            case "cifar10" -> new MarginAreaStudy.Grid(new int[] {8, 16}, new double[] {5e-4, 1e-3}, new double[] {1},
                    new double[] {0, 0.5, 1}, 30);
            default -> new MarginAreaStudy.Grid(new int[] {256, 1024}, new double[] {0, 5e-4}, new double[] {1, 2},
                    new double[] {0, 0.25, 0.5, 1}, 100);
        };
        TrainConfig c = base.with(Map.of("train-size", areaTrainSize(), "epochs", 1000, "log-every", preset.equals("full") ? 0 : 50));
        Architecture arch = Architecture.parse(base.model());
        IntFunction<String> model = switch (preset) {
            case "resnet" -> w -> "resnet8:w=" + w + ":in=1x28x28";
            case "cifar10" -> w -> "resnet20:w=" + w;
            default -> w -> "mlp:" + arch.inputSize() + "-" + w + "-" + arch.outputs();
        };
        List<MarginAreaStudy.Member> family = MarginAreaStudy.family(c, model, grid, areaSeeds);
        MarginAreaStudy.Result area = MarginAreaStudy.run(family, out.resolve("runs"), command, line -> {
            console.println("area study: " + line);
            console.flush();
        });
        console.printf(Locale.ROOT, "area study: %d of %d networks separated%s%n", area.separated().size(), family.size(),
                area.notSeparated().isEmpty() ? "" : "; left out of the coefficients: " + String.join(", ", area.notSeparated()));
        for (MarginAreaStudy.Association a : area.associations()) {
            console.printf(Locale.ROOT, "area study: %-14s (%2d nets) %-18s vs test error: Pearson %.3f, Spearman %.3f, Kendall %.3f%n",
                    a.group(), a.networks(), a.predictor(), a.pearson(), a.spearman(), a.kendall());
        }
        return new AreaRun(area, areaSetting(area, grid, c));
    }

    /** The pruning study's setting in words, with its differences from the paper's protocol. */
    private String pruningSetting(TrainConfig c, MarginStudies.PruningStudy p) {
        MarginPruning.Schedule s = p.schedule();
        return String.format(Locale.ROOT, "%s preset: %s, %d training and %s test images, %s, %s lr %s batch %d momentum %s weight decay %s; "
                + "%d seeds (initialisation and data order) per rule (low-margin, random, keep-highest); trained on all images until 100%% "
                + "training accuracy (cap %d epochs), then every %d epochs keep %s of the current subset, down to %s of N, and %d more epochs "
                + "on the last subset; %s", preset, c.data(), p.trainSize(), c.testSize(), c.model(), c.opt(), c.lr(), c.batch(), c.momentum(),
                org.gengeo.report.page.Numbers.compact(c.weightDecay()), p.runs().stream().mapToLong(MarginPruning.Result::seed).distinct().count(), s.maxSeparationEpochs(), s.every(),
                s.keep(), s.floor(), s.every(), paperDifference(c.model(), c.weightDecay()));
    }

    /** Training images of each network of the area family. */
    private int areaTrainSize() {
        return switch (preset) {
            case "tiny" -> 100;
            case "quick", "resnet" -> 500;
            default -> 10000;
        };
    }

    /** The area study's setting in words, with its differences from the paper's protocol. */
    private String areaSetting(MarginAreaStudy.Result a, MarginAreaStudy.Grid g, TrainConfig c) {
        return String.format(Locale.ROOT, "%s preset: %s, %d training and %s test images, %d networks (%s; weight decay %s, init scale %s, "
                + "random-label fraction %s; %d seeds per configuration), %s lr %s batch %d momentum %s; pretrained %d epochs on the random "
                + "labels, then trained on the true labels until 100%% training accuracy (cap %d epochs); margins normalised by the product "
                + "of Frobenius norms, area = mean sorted normalised margin; %s", preset, data, areaTrainSize(), c.testSize(), a.networks().size(),
                distinct(a, MarginAreaStudy.Point::model), distinct(a, MarginAreaStudy.Point::weightDecay),
                distinct(a, MarginAreaStudy.Point::initScale), distinct(a, MarginAreaStudy.Point::pretrainFraction), areaSeeds, c.opt(), c.lr(),
                c.batch(), c.momentum(), g.pretrainEpochs(), c.epochs(), paperDifference(a.networks().get(0).model(),
                a.networks().stream().mapToDouble(MarginAreaStudy.Point::weightDecay).max().orElse(0)));
    }

    private static String distinct(MarginAreaStudy.Result a, java.util.function.Function<MarginAreaStudy.Point, Object> f) {
        return a.networks().stream().map(f).map(String::valueOf).distinct().collect(java.util.stream.Collectors.joining("/"));
    }

    /**
     * How the run departs from the paper's protocol (CIFAR-10, a CNN or ResNet with batch norm, SGD with
     * momentum and weight decay), for a net {@code model} trained with weight decay {@code wd}.
     */
    private String paperDifference(String model, double wd) {
        String paper = "the paper: CIFAR-10 (50,000 images), a CNN or ResNet with batch norm, SGD with momentum and weight decay";
        if (preset.equals("cifar10")) {
            return paper;
        }
        if (residualPreset()) {
            return paper + "; here a ResNet-8 on the embedded Fashion-MNIST subset";
        }
        boolean bn = Architecture.parse(model).batchNorm();
        return paper + "; here a fully connected net " + (bn ? "with" : "without") + " batch norm and " + (wd > 0 ? "with" : "without")
                + " weight decay" + (bn && wd > 0 ? "" : ", outside the regime its theory covers");
    }

    /** Whether the preset is one of the batch-norm, weight-decay residual presets (the regime of Banburski et al. 2021). */
    private boolean residualPreset() {
        return preset.equals("resnet") || preset.equals("cifar10");
    }

    /** The preset's pruning model. */
    private String presetModel() {
        return switch (preset) {
            case "full" -> "mlp:784-512-512-10";
            case "tiny" -> "mlp:784-32-10";
            case "resnet" -> "resnet8:w=8:in=1x28x28";
            case "cifar10" -> "resnet20";
            default -> "mlp:784-128-10";
        };
    }

    /** The zoo of study 4: --zoo (a sweep file or a built-in sweep), or the preset's built-in zoo. */
    private SweepPlan zooPlan() {
        String name = zoo != null ? zoo : switch (preset) {
            case "tiny" -> "margin-zoo-tiny";
            case "quick" -> "margin-zoo-quick";
            case "resnet" -> "margin-zoo-resnet";
            default -> "margin-zoo";
        };
        return Files.isRegularFile(Path.of(name)) ? SweepPlan.read(Path.of(name)) : SweepPlan.preset(name);
    }

    /** Study 4: the zoo (trained and measured into OUT/zoo, resumable), then the regressions of the gap on the signature. */
    private SignatureZooStudy.Result signature(SweepPlan plan, String command, java.io.PrintWriter console) {
        SignatureZooStudy.Result r = SignatureZooStudy.run(plan, out.resolve("zoo"), TensorEngine.threads(), command, line -> {
            console.println("signature study: " + line);
            console.flush();
        }, folds);
        console.printf(Locale.ROOT, "signature study: %d models of zoo %s used, %d left out, %d failed%n", r.models().size(), r.zoo(),
                r.excluded().size(), r.failed().size());
        for (SignatureZooStudy.Fit f : r.fits()) {
            if (f.fit() == null) {
                console.printf(Locale.ROOT, "signature study: %-20s (p = %d) not fitted: %s%n", f.featureSet(), f.features().size(), f.skipped());
            } else {
                console.printf(Locale.ROOT, "signature study: %-20s (p = %d) R^2 %.3f, adjusted R^2 %.3f, %d-fold CV R^2 %.3f%n",
                        f.featureSet(), f.features().size(), f.fit().r2(), f.fit().adjustedR2(), f.fit().folds(), f.fit().cvR2());
            }
        }
        return r;
    }

    private void writeCsv(StudyRecord r) {
        if (r.pruning() != null) {
            CsvTable t = new CsvTable("selection", "seed", "epoch", "retained", "subset_accuracy", "test_accuracy");
            for (MarginPruning.Result run : r.pruning().runs()) {
                for (MarginPruning.Epoch e : run.epochs()) {
                    t.row(run.selection().label(), run.seed(), e.epoch(), e.retained(), e.subsetAccuracy(), e.testAccuracy());
                }
            }
            t.write(out.resolve("pruning.csv"));
            CsvTable o = new CsvTable("reduction", "size", "seed_a", "seed_b", "jaccard", "intersection_over_k", "chance");
            for (MarginStudies.Overlap v : r.pruning().overlaps()) {
                o.row(v.reduction(), v.size(), v.seedA(), v.seedB(), v.jaccard(), v.intersectionOverK(), v.chance());
            }
            o.write(out.resolve("overlap.csv"));
        }
        if (r.area() != null) {
            CsvTable a = new CsvTable("name", "model", "weight_decay", "init_scale", "pretrain_fraction", "seed", "outcome", "epochs",
                    "separated", "train_accuracy", "test_error", "area", "min_margin", "median_margin", "unnormalised_area", "cdf_area");
            for (MarginAreaStudy.Point p : r.area().networks()) {
                a.row(p.name(), p.model(), p.weightDecay(), p.initScale(), p.pretrainFraction(), p.seed(), p.outcome(), p.epochs(),
                        p.separated(), p.trainAccuracy(), p.testError(), p.margins().area(), p.margins().minMargin(),
                        p.margins().medianMargin(), p.margins().unnormalisedArea(), p.margins().cdfArea());
            }
            a.write(out.resolve("area.csv"));
            CsvTable k = new CsvTable("group", "predictor", "networks", "pearson", "spearman", "kendall");
            for (MarginAreaStudy.Association v : r.area().associations()) {
                k.row(v.group(), v.predictor(), v.networks(), v.pearson(), v.spearman(), v.kendall());
            }
            k.write(out.resolve("area-coefficients.csv"));
        }
        if (r.signature() != null) {
            writeSignatureCsv(r.signature());
        }
    }

    /** signature.csv (one row per model: gap, features, in-sample and out-of-fold predictions) and signature-fits.csv. */
    private void writeSignatureCsv(SignatureZooStudy.Result r) {
        List<String> features = r.models().isEmpty() ? List.of() : List.copyOf(r.models().get(0).features().keySet());
        List<SignatureZooStudy.Fit> fitted = r.fits().stream().filter(f -> f.fit() != null).toList();
        List<String> header = new ArrayList<>(List.of("id", "train_accuracy", "test_accuracy", "gap"));
        header.addAll(features);
        for (SignatureZooStudy.Fit f : fitted) {
            String key = f.featureSet().replace(' ', '_');
            header.add("predicted_" + key);
            header.add("cv_predicted_" + key);
        }
        CsvTable t = new CsvTable(header.toArray(new String[0]));
        for (int i = 0; i < r.models().size(); i++) {
            SignatureZooStudy.Model m = r.models().get(i);
            List<Object> row = new ArrayList<>(List.of(m.id(), m.trainAccuracy(), m.testAccuracy(), m.gap()));
            features.forEach(f -> row.add(m.features().get(f)));
            for (SignatureZooStudy.Fit f : fitted) {
                row.add(f.fit().fitted()[i]);
                row.add(f.fit().cvPredicted()[i]);
            }
            t.row(row.toArray());
        }
        t.write(out.resolve("signature.csv"));
        CsvTable fits = new CsvTable("feature_set", "features", "models", "r2", "adjusted_r2", "cv_r2", "folds", "skipped");
        for (SignatureZooStudy.Fit f : r.fits()) {
            LinearRegression g = f.fit();
            fits.row(f.featureSet(), f.features().size(), r.models().size(), g == null ? Double.NaN : g.r2(),
                    g == null ? Double.NaN : g.adjustedR2(), g == null ? Double.NaN : g.cvR2(), g == null ? 0 : g.folds(),
                    f.skipped() == null ? "" : f.skipped());
        }
        fits.write(out.resolve("signature-fits.csv"));
    }
}
