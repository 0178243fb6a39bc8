package org.gengeo.study.coherence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.Seeds;
import org.gengeo.core.io.Json;
import org.gengeo.report.chart.Chart;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.findings.Finding;
import org.gengeo.findings.FindingsTable;
import org.gengeo.findings.StudyFindings;
import org.gengeo.stats.Bootstrap;
import org.gengeo.study.StudyListener;
import org.gengeo.study.StudyRuns;
import org.gengeo.study.StudySection;
import org.gengeo.train.TrainConfig;

/**
 * The coherent-gradients study (Chatterjee and Zielinski 2022, "On the generalization mystery in deep
 * learning"), its five experiments on one engine: real vs random labels, label noise x winsorisation,
 * median-of-three optimisers, pristine vs corrupt examples, easy examples first. Every run lives in
 * {@code OUT/runs/EXPERIMENT/RUN} and is reused, resumed or trained by {@link StudyRuns}, so an
 * interrupted study continues where it stopped; the results go to {@code OUT/coherence-study.json},
 * {@code OUT/findings.json}, one CSV per experiment and {@code OUT/index.html}.
 */
public final class CoherenceStudy {
    /** Experiments in the order they run. */
    static final List<CoherenceExperiment> EXPERIMENTS = List.of(new RealVsRandom(), new NoiseAndWinsorisation(), new MedianOfThree(),
            new PristineAndCorrupt(), new EasyExamplesFirst());

    private CoherenceStudy() {}

    private static final String NOISE_WINSOR = "noise-winsor";

    /** Names of the experiments, for {@code --experiments}. */
    public static List<String> experimentNames() {
        return EXPERIMENTS.stream().map(CoherenceExperiment::name).toList();
    }

    /**
     * The experiments that apply to {@code base}'s model: all of them, except noise-winsor for a
     * batch-norm model (winsorised descent needs per-example gradients, which batch statistics couple).
     */
    public static List<String> experimentNames(TrainConfig base) {
        boolean batchNorm = Architecture.parse(base.model()).batchNorm();
        return experimentNames().stream().filter(n -> !(batchNorm && n.equals(NOISE_WINSOR))).toList();
    }

    /**
     * The preset's base config. {@code quick}: the embedded Fashion-MNIST subset (1,000 training and
     * 1,000 test images), MLP 784-128-128-128-10, 20 epochs, coherence sample 500 - minutes on 2 cores.
     * {@code full}: the paper's setting on full Fashion-MNIST, MLP 784-256-256-256-10, 30 epochs,
     * coherence sample 1,000. {@code resnet}: the quick preset's data with a narrow batch-normalised
     * ResNet-8 (width 8) on 1x28x28 images. {@code cifar10}: CIFAR-10 (give --data-dir) with ResNet-20, 30
     * epochs, batch 128, coherence sample 1,000. All: ReLU, He initialisation, SGD without momentum, lr 0.1,
     * batch 100 unless stated.
     */
    public static TrainConfig preset(String name) {
        Map<String, Object> common = new LinkedHashMap<>(Map.of("activation", "relu", "init", "he", "opt", "sgd", "momentum", 0.0,
                "lr", 0.1, "batch", 100, "dropout", 0.0));
        switch (name) {
            case "quick" -> common.putAll(Map.of("data", "fashion-mnist-embedded", "train-size", 1000, "test-size", 1000,
                    "model", "mlp:784-128-128-128-10", "epochs", 20, "coherence-sample", 500));
            case "full" -> common.putAll(Map.of("data", "fashion-mnist", "model", "mlp:784-256-256-256-10", "epochs", 30,
                    "coherence-sample", 1000));
            case "resnet" -> common.putAll(Map.of("data", "fashion-mnist-embedded", "train-size", 1000, "test-size", 1000,
                    "model", "resnet8:w=8:in=1x28x28", "epochs", 20, "coherence-sample", 500));
            case "cifar10" -> common.putAll(Map.of("data", "cifar10", "model", "resnet20", "epochs", 30, "batch", 128,
                    "coherence-sample", 1000));
            default -> throw new GengeoException("unknown preset '" + name + "' (quick, full, resnet or cifar10)");
        }
        return TrainConfig.defaults().with(common);
    }

    /** A study's result: where it was written and its findings. */
    public record Outcome(Path page, StudyFindings findings) {}

    /** The JSON record of a study. */
    public record StudyRecord(Provenance provenance, String preset, TrainConfig base, List<Long> seeds, Map<String, ExperimentRecord> experiments) {}

    /**
     * One experiment in the JSON record.
     *
     * @param title   its title
     * @param csv     its CSV (the first seed's numbers)
     * @param runs    its runs of the first seed (the other seeds' run directories add {@code -seedN})
     * @param summary the first seed's summary
     * @param effects every seed's effects, by seed
     */
    public record ExperimentRecord(String title, String csv, List<String> runs, Map<String, Object> summary,
                                   Map<Long, List<StudySection.Effect>> effects) {}

    /**
     * Runs {@code experiments} (names from {@link #experimentNames()}) on {@code base} into {@code out}, once per seed
     * base.seed(), base.seed() + 1, ..., base.seed() + seeds - 1. The first seed's runs keep the names they had before
     * seeds were added ({@code runs/EXPERIMENT/RUN}), the others get {@code -seedN}, so adding seeds to a study
     * directory trains only the new runs. Each claim's effect becomes a {@link Finding}: with several seeds, its mean
     * over them with a bootstrap interval over the seeds; with one, the single value (at most "partly").
     */
    public static Outcome run(String preset, TrainConfig base, List<String> experiments, int seeds, Path out, String command,
                              StudyListener listener) {
        base.validate();
        if (seeds < 1) {
            throw new GengeoException("--seeds must be at least 1, got " + seeds);
        }
        List<CoherenceExperiment> chosen = new ArrayList<>();
        for (String name : experiments) {
            if (name.equals(NOISE_WINSOR) && Architecture.parse(base.model()).batchNorm()) {
                throw new GengeoException("experiment noise-winsor does not apply to " + base.model()
                        + ": winsorised descent needs per-example gradients, which batch norm's batch statistics couple");
            }
            chosen.add(EXPERIMENTS.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new GengeoException(
                    "unknown experiment '" + name + "'; choose from " + String.join(", ", experimentNames()))));
        }
        int trainSize = DataSources.load(base.dataConfig()).train().size();
        int stepsPerEpoch = (trainSize + base.batch() - 1) / base.batch();
        List<Long> seedList = new ArrayList<>();
        for (int k = 0; k < seeds; k++) {
            seedList.add(base.seed() + k);
        }
        Map<CoherenceExperiment, Map<String, TrainConfig>> plans = new LinkedHashMap<>();
        int total = 0;
        for (CoherenceExperiment e : chosen) {
            Map<String, TrainConfig> runs = new LinkedHashMap<>();
            for (long seed : seedList) {
                String suffix = seed == base.seed() ? "" : "-seed" + seed;
                e.runs(base.with("seed", seed), stepsPerEpoch).forEach((name, config) -> runs.put(name + suffix, config));
            }
            runs.values().forEach(TrainConfig::validate);
            plans.put(e, runs);
            total += runs.size();
        }
        int index = 0;
        Map<String, ExperimentRecord> records = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        String setting = setting(preset, base, seeds);
        HtmlPage page = new HtmlPage("Coherent gradients: " + preset + " preset");
        page.paragraph("Chatterjee and Zielinski, \"On the generalization mystery in deep learning\" (2022), reproduced with gengeo: "
                + setting + ". Figures and CSVs show seed " + base.seed() + "; the findings take every seed. Command: " + command);
        List<StudySection> firstSeed = new ArrayList<>();
        Map<StudySection, Map<String, Path>> firstRuns = new java.util.IdentityHashMap<>();
        for (Map.Entry<CoherenceExperiment, Map<String, TrainConfig>> plan : plans.entrySet()) {
            CoherenceExperiment e = plan.getKey();
            Map<String, Path> dirs = new LinkedHashMap<>();
            for (Map.Entry<String, TrainConfig> run : plan.getValue().entrySet()) {
                Path dir = out.resolve("runs").resolve(e.name()).resolve(run.getKey());
                StudyRuns.ensure(dir, run.getValue(), command, listener.runStarting(e.name() + "/" + run.getKey(), ++index, total));
                dirs.put(run.getKey(), dir);
            }
            Map<Long, List<StudySection.Effect>> effects = new LinkedHashMap<>();
            StudySection first = null;
            for (long seed : seedList) {
                String suffix = seed == base.seed() ? "" : "-seed" + seed;
                Map<String, Path> mine = new LinkedHashMap<>();
                for (String name : e.runs(base.with("seed", seed), stepsPerEpoch).keySet()) {
                    mine.put(name, dirs.get(name + suffix));
                }
                StudySection s = e.analyse(mine);
                effects.put(seed, s.effects());
                if (first == null) {
                    first = s;
                    firstRuns.put(s, mine);
                }
            }
            first.table().write(out.resolve(e.name() + ".csv"));
            records.put(e.name(), new ExperimentRecord(first.title(), e.name() + ".csv",
                    List.copyOf(e.runs(base, stepsPerEpoch).keySet()), first.summary(), effects));
            findings.addAll(findings(effects, setting));
            firstSeed.add(first);
        }
        StudyFindings result = new StudyFindings("coherence", Provenance.current(command), findings);
        new FindingsTable(List.of(result)).addTo(page);
        for (StudySection s : firstSeed) {
            addSection(page, s, firstRuns.get(s));
        }
        Json.write(out.resolve("coherence-study.json"), new StudyRecord(result.provenance(), preset, base, seedList, records));
        result.write(out);
        Path html = out.resolve("index.html");
        page.write(html);
        return new Outcome(html, result);
    }

    /** What ran, in words. */
    private static String setting(String preset, TrainConfig base, int seeds) {
        String size = base.trainSize() == null ? "all" : base.trainSize().toString();
        String test = base.testSize() == null ? "all" : base.testSize().toString();
        return String.format(Locale.ROOT, "%s preset: %s (%s training, %s test images), %s %s, %s lr %s batch %d momentum %s, %s epochs, "
                + "coherence sample %d, %d seed%s from %d", preset, base.data(), size, test, base.model(), base.activation(), base.opt(), base.lr(),
                base.batch(), base.momentum(), base.epochs(), base.coherenceSample(), seeds, seeds == 1 ? "" : "s", base.seed());
    }

    /** One finding per effect id: the mean over seeds with a bootstrap interval over them (one seed: the value alone). */
    private static List<Finding> findings(Map<Long, List<StudySection.Effect>> bySeed, String setting) {
        List<StudySection.Effect> first = bySeed.values().iterator().next();
        List<Finding> out = new ArrayList<>();
        for (StudySection.Effect e : first) {
            double[] values = bySeed.values().stream().mapToDouble(list -> list.stream().filter(x -> x.id().equals(e.id()))
                    .mapToDouble(StudySection.Effect::value).findFirst().orElse(Double.NaN)).toArray();
            String quantity = values.length == 1 ? e.quantity() + " (" + e.measured() + ")" : "mean over seeds of " + e.quantity();
            boolean finite = java.util.Arrays.stream(values).allMatch(Double::isFinite);
            out.add(values.length >= 2 && finite
                    ? Finding.of(e.id(), e.claim(), e.paper(), quantity, Bootstrap.mean(values, Seeds.derive(0, "coherence-finding:" + e.id())),
                            values.length, "seeds", setting, e.rule())
                    : Finding.single(e.id(), e.claim(), e.paper(), quantity, java.util.Arrays.stream(values).average().orElse(Double.NaN),
                            values.length, setting, e.rule()));
        }
        return out;
    }

    /** The section's findings and figures; every tooltip names the experiment's runs (name = directory). */
    private static void addSection(HtmlPage page, StudySection s, Map<String, Path> runs) {
        List<String> named = new ArrayList<>();
        runs.forEach((name, dir) -> named.add(name + " = " + dir.getFileName()));
        page.heading(s.title()).paragraph(s.description());
        List<String[]> rows = new ArrayList<>();
        for (StudySection.Effect f : s.effects()) {
            rows.add(new String[] {f.claim(), f.measured()});
        }
        page.table(new String[] {"the paper's claim", "measured on the first seed"}, rows);
        for (Chart<?> chart : s.figures()) {
            page.figure(chart.about("runs", String.join(", ", named)), "");
        }
        page.paragraph("Every number plotted: " + s.name() + ".csv");
    }
}
