package org.gengeo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.CsvTable;
import org.gengeo.core.io.Json;
import org.gengeo.margins.MarginPruning;
import org.gengeo.report.MarginStudyPages;
import org.gengeo.study.MarginStudies;
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
                "a family of networks trained to 100% training accuracy, against min/median/unnormalised baselines.",
                "Writes margins-study.json, area.csv, pruning.csv, overlap.csv and index.html into --out."})
public final class MarginsStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--preset", defaultValue = "quick", description = "quick (minutes on 2 cores) or full (paper scale, hours) (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--parts", defaultValue = "pruning,area", split = ",", description = "Studies to run: pruning, area (default: ${DEFAULT-VALUE}).")
    List<String> parts;
    @Option(names = "--data", defaultValue = "fashion-mnist-embedded", description = "Data set (default: ${DEFAULT-VALUE}).")
    String data;
    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per pruning rule (overlap needs 2+) (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Mixin
    CommonOptions.Threads threads;

    /** {@code margins-study.json}. */
    public record StudyRecord(Provenance provenance, String preset, String data, MarginStudies.PruningStudy pruning,
                              MarginStudies.AreaStudy area) {}

    @Override
    public Integer call() {
        if (!preset.equals("quick") && !preset.equals("full")) {
            throw new GengeoException("--preset must be quick or full, got '" + preset + "'");
        }
        for (String p : parts) {
            if (!p.equals("pruning") && !p.equals("area")) {
                throw new GengeoException("--parts takes pruning and/or area, got '" + p + "'");
            }
        }
        if (seeds < 1) {
            throw new GengeoException("--seeds must be at least 1");
        }
        threads.startEngine();
        boolean quick = preset.equals("quick");
        String command = CommandLines.of(spec);
        var console = spec.commandLine().getOut();
        TrainConfig base = TrainConfig.defaults().with(Map.of("data", data, "train-size", quick ? 1000 : 50000, "test-size",
                quick ? 1000 : 10000, "model", quick ? "mlp:784-128-10" : "mlp:784-512-512-10", "lr", 0.05, "batch", quick ? 50 : 128,
                "threads", org.gengeo.core.tensor.TensorEngine.threads()));
        MarginStudies.PruningStudy pruning = null;
        if (parts.contains("pruning")) {
            List<Long> seedList = new ArrayList<>();
            for (long s = 0; s < seeds; s++) {
                seedList.add(s);
            }
            pruning = MarginStudies.pruning(base, MarginStudies.data(base),
                    new MarginPruning.Schedule(quick ? 2 : 5, 0.5, 0.01, quick ? 100 : 300), seedList);
            for (MarginPruning.Result r : pruning.runs()) {
                MarginPruning.Epoch last = r.epochs().get(r.epochs().size() - 1);
                console.printf(Locale.ROOT, "pruning %-11s seed %d: separated at epoch %d, final |S|/N %.4f, test accuracy %.4f%n",
                        r.selection().label(), r.seed(), r.separatedAt(), last.retained(), last.testAccuracy());
            }
            console.flush();
        }
        MarginStudies.AreaStudy area = null;
        if (parts.contains("area")) {
            Map<String, TrainConfig> family = new LinkedHashMap<>();
            int[] widths = quick ? new int[] {32, 64, 128, 256} : new int[] {64, 128, 256, 512, 1024};
            double[] noise = {0, 0.05, 0.1, 0.2, 0.3};
            for (int w : widths) {
                for (double p : noise) {
                    family.put(String.format(Locale.ROOT, "w%d-noise%.2f", w, p), base.with(Map.of("model", "mlp:784-" + w + "-10",
                            "label-noise", p, "until-train-acc", 1.0, "epochs", quick ? 200 : 500, "seed", (long) w,
                            "train-size", quick ? 500 : 50000, "lr", 0.05, "log-every", quick ? 50 : 0)));
                }
            }
            area = MarginStudies.area(family, out.resolve("runs"), command);
            for (MarginStudies.Association a : area.associations()) {
                console.printf(Locale.ROOT, "area study: %-18s vs test error: Pearson %.3f, Spearman %.3f, Kendall %.3f%n", a.predictor(),
                        a.pearson(), a.spearman(), a.kendall());
            }
        }
        StudyRecord record = new StudyRecord(Provenance.current(command), preset, data, pruning, area);
        Json.write(out.resolve("margins-study.json"), record);
        writeCsv(record);
        AtomicFiles.writeString(out.resolve("index.html"), MarginStudyPages.page(command, area, pruning));
        console.println("written to " + out);
        console.flush();
        return 0;
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
            CsvTable a = new CsvTable("name", "model", "label_noise", "train_accuracy", "test_error", "area", "min_margin", "median_margin",
                    "unnormalised_area", "cdf_area");
            for (MarginStudies.AreaPoint p : r.area().networks()) {
                a.row(p.name(), p.model(), p.labelNoise(), p.trainAccuracy(), p.testError(), p.margins().area(), p.margins().minMargin(),
                        p.margins().medianMargin(), p.margins().unnormalisedArea(), p.margins().cdfArea());
            }
            a.write(out.resolve("area.csv"));
        }
    }
}
