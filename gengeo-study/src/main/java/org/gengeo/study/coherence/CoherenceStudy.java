package org.gengeo.study.coherence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.io.Json;
import org.gengeo.report.svg.HtmlPage;
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
 * one CSV per experiment and {@code OUT/index.html}.
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

    /** A study's result: where it was written and its findings per experiment. */
    public record Outcome(Path page, Map<String, List<StudySection.Finding>> findings) {}

    /** The JSON record of a study. */
    public record StudyRecord(Provenance provenance, String preset, TrainConfig base, Map<String, ExperimentRecord> experiments) {}

    /** One experiment in the JSON record. */
    public record ExperimentRecord(String title, String csv, List<String> runs, Map<String, Object> summary,
                                   List<StudySection.Finding> findings) {}

    /** Runs {@code experiments} (names from {@link #experimentNames()}) on {@code base} into {@code out}. */
    public static Outcome run(String preset, TrainConfig base, List<String> experiments, Path out, String command, StudyListener listener) {
        base.validate();
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
        Map<CoherenceExperiment, Map<String, TrainConfig>> plans = new LinkedHashMap<>();
        int total = 0;
        for (CoherenceExperiment e : chosen) {
            Map<String, TrainConfig> runs = e.runs(base, stepsPerEpoch);
            runs.values().forEach(TrainConfig::validate);
            plans.put(e, runs);
            total += runs.size();
        }
        int index = 0;
        Map<String, ExperimentRecord> records = new LinkedHashMap<>();
        Map<String, List<StudySection.Finding>> findings = new LinkedHashMap<>();
        HtmlPage page = new HtmlPage("Coherent gradients: " + preset + " preset");
        page.paragraph("Chatterjee and Zielinski, \"On the generalization mystery in deep learning\" (2022), reproduced with gengeo on "
                + base.data() + ", " + base.model() + ", " + base.opt() + " lr " + base.lr() + " batch " + base.batch() + ", "
                + base.epochs() + " epochs, seed " + base.seed() + ". Command: " + command);
        for (Map.Entry<CoherenceExperiment, Map<String, TrainConfig>> plan : plans.entrySet()) {
            CoherenceExperiment e = plan.getKey();
            Map<String, Path> dirs = new LinkedHashMap<>();
            for (Map.Entry<String, TrainConfig> run : plan.getValue().entrySet()) {
                Path dir = out.resolve("runs").resolve(e.name()).resolve(run.getKey());
                StudyRuns.ensure(dir, run.getValue(), command, listener.runStarting(e.name() + "/" + run.getKey(), ++index, total));
                dirs.put(run.getKey(), dir);
            }
            StudySection s = e.analyse(dirs);
            s.table().write(out.resolve(e.name() + ".csv"));
            records.put(e.name(), new ExperimentRecord(s.title(), e.name() + ".csv", List.copyOf(dirs.keySet()), s.summary(), s.findings()));
            findings.put(e.name(), s.findings());
            addSection(page, s);
        }
        Json.write(out.resolve("coherence-study.json"), new StudyRecord(Provenance.current(command), preset, base, records));
        Path html = out.resolve("index.html");
        page.write(html);
        return new Outcome(html, findings);
    }

    private static void addSection(HtmlPage page, StudySection s) {
        page.heading(s.title()).paragraph(s.description());
        List<String[]> rows = new ArrayList<>();
        for (StudySection.Finding f : s.findings()) {
            rows.add(new String[] {f.expectation(), f.measured(), f.reproduced() ? "yes" : "no"});
        }
        page.table(new String[] {"paper's expectation", "measured", "reproduced"}, rows);
        for (String svg : s.figures()) {
            page.figure(svg, "");
        }
        page.paragraph("Every number plotted: " + s.name() + ".csv");
    }
}
