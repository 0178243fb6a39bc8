package org.gengeo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.core.GengeoException;
import org.gengeo.study.DualityFactor;
import org.gengeo.study.DualityStudy;
import org.gengeo.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gengeo study duality --factor NAME}: a factor sweep of the activity-weight duality decomposition. */
@Command(name = "duality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Activity-weight duality factor study (Feng and Tu 2022): trains MLP 784-30-30-10 (no biases, ReLU, SGD lr 0.1,",
                "batch 25, until train loss <= 1e-3) for each value of one factor and each seed, decomposes each generalization loss on",
                "fc1 into sharpness and size, and writes OUT/study.json, OUT/study.csv and OUT/index.html.",
                "Factors: batch, lr, weight-decay, norm-penalty, init-scale, dropout, train-size, label-noise, decentralised",
                "(0 = all-reduce, 1 = ring of 8 learners) (NAME or NAME=v1,v2,...). One data set (data seed 0) for every run."})
public final class DualityStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--factor", required = true, paramLabel = "NAME[=V1,V2,...]", description = "The factor swept, with its values (default: the preset's).")
    String factor;
    @Option(names = "--preset", defaultValue = "quick", description = "quick (embedded Fashion-MNIST, 500 training images, 2 seeds, 3 values) "
            + "or full (the paper: 4,000/1,000 images, 10 seeds); both until train loss 1e-3 or 1,000 epochs (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--seeds", description = "Seeds per value (default: 2 quick, 10 full).")
    Integer seeds;
    @Option(names = "--data", description = "Data set (default: fashion-mnist-embedded quick, fashion-mnist full; mnist with --data-dir).")
    String data;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the IDX files are.")
    String dataDir;
    @Option(names = "--train-size", description = "Clean training images (default: the preset's).")
    Integer trainSize;
    @Option(names = "--epochs", description = "Epoch cap (default: 1000).")
    Integer epochs;
    @Option(names = "--layer", defaultValue = "fc1", description = "Layer analysed (default: ${DEFAULT-VALUE}).")
    String layer;
    @Option(names = "--out", paramLabel = "DIR", description = "Study directory (default: studies/duality-FACTOR).")
    Path out;
    @Mixin
    CommonOptions.Threads threads;

    @Override
    public Integer call() {
        boolean full = preset.equals("full");
        DualityFactor.Sweep sweep = DualityFactor.parse(factor, full);
        int n = seeds != null ? seeds : full ? 10 : 2;
        if (n < 1) {
            throw new GengeoException("--seeds must be at least 1, got " + n);
        }
        threads.startEngine();
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (data != null) {
            overrides.put("data", data);
        }
        if (dataDir != null) {
            overrides.put("data-dir", dataDir);
        }
        if (trainSize != null) {
            overrides.put("train-size", trainSize);
        }
        if (epochs != null) {
            overrides.put("epochs", epochs);
        }
        TrainConfig base = DualityStudy.preset(preset, threads.threads != null ? threads.threads : Runtime.getRuntime().availableProcessors())
                .with(overrides);
        Path dir = out != null ? out : Path.of("studies", "duality-" + sweep.factor().name());
        var console = spec.commandLine().getOut();
        long total = (long) sweep.values().length * n;
        DualityStudy.StudyResult r;
        try (ConsoleProgress progress = new ConsoleProgress("study duality").withHeartbeat()) {
            progress.start(0, total);
            long[] done = {0};
            r = DualityStudy.run(new DualityStudy.Options(sweep, preset, base, n, layer, dir, CommandLines.of(spec)), line -> {
                progress.println(console, line);
                progress.update(++done[0], total);
            });
        }
        for (DualityStudy.Movement m : r.movements()) {
            console.printf(Locale.ROOT, "  %-24s Spearman %+.2f, change %+.1f%%: %s%n", m.measure(), m.spearman(), 100 * m.relativeChange(),
                    m.moved() ? "moved" : "not moved");
        }
        console.printf(Locale.ROOT, "%d runs in %.0f s; written to %s (study.json, study.csv, index.html)%n", r.runs().size(), r.wallS(), dir);
        console.flush();
        return 0;
    }
}
