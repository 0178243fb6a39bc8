package org.gengeo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.study.StudySection;
import org.gengeo.study.coherence.CoherenceStudy;
import org.gengeo.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gengeo study coherence}: the coherent-gradients paper's five experiments. */
@Command(name = "coherence", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Coherent gradients (Chatterjee & Zielinski 2022): real vs random labels, label noise x winsorisation,",
                "median-of-three optimisers, pristine vs corrupt examples, easy examples first. Writes OUT/index.html,",
                "OUT/coherence-study.json, one CSV per experiment, and every run under OUT/runs/ (an interrupted study",
                "resumes where it stopped)."})
public final class CoherenceStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--preset", defaultValue = "quick",
            description = "quick (embedded data, MLP 3x128, 20 epochs: minutes), full (Fashion-MNIST, MLP 3x256, 30 epochs: hours), "
                    + "resnet (embedded data, batch-normalised ResNet-8 of width 8) or cifar10 (ResNet-20 on CIFAR-10, give --data-dir) (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--experiments", split = ",", paramLabel = "NAME",
            description = "Which experiments (default: all): real-vs-random, noise-winsor, median-of-three, pristine-corrupt, easy-first.")
    List<String> experiments;
    @Option(names = "--data", description = "Override the preset's data set.")
    String data;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory with the data files.")
    Path dataDir;
    @Option(names = "--train-size", paramLabel = "N", description = "Override the preset's training-set size.")
    Integer trainSize;
    @Option(names = "--test-size", paramLabel = "N", description = "Override the preset's test-set size.")
    Integer testSize;
    @Option(names = "--model", description = "Override the preset's model.")
    String model;
    @Option(names = "--epochs", description = "Override the preset's epochs.")
    Integer epochs;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of every run (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--threads", description = "Intra-op threads per run (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("seed", seed);
        overrides.put("threads", threads != null ? threads : Runtime.getRuntime().availableProcessors());
        putIf(overrides, "data", data);
        putIf(overrides, "data-dir", dataDir == null ? null : dataDir.toString());
        putIf(overrides, "train-size", trainSize);
        putIf(overrides, "test-size", testSize);
        putIf(overrides, "model", model);
        putIf(overrides, "epochs", epochs);
        TrainConfig base = CoherenceStudy.preset(preset).with(overrides);
        CoherenceStudy.Outcome outcome = CoherenceStudy.run(preset, base,
                experiments == null ? CoherenceStudy.experimentNames(base) : experiments, out, CommandLines.of(spec), new StudyProgress());
        var o = spec.commandLine().getOut();
        for (Map.Entry<String, List<StudySection.Finding>> e : outcome.findings().entrySet()) {
            o.println(e.getKey() + ":");
            for (StudySection.Finding f : e.getValue()) {
                o.println("  [" + (f.reproduced() ? "reproduced" : "not reproduced") + "] " + f.expectation() + ": " + f.measured());
            }
        }
        o.println("report: " + outcome.page());
        o.flush();
        return 0;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
