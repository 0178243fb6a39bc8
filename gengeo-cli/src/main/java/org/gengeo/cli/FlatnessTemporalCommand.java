package org.gengeo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.core.io.Json;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.findings.FindingsTable;
import org.gengeo.findings.StudyFindings;
import org.gengeo.study.FlatnessTemporalOptions;
import org.gengeo.study.FlatnessTemporalPage;
import org.gengeo.study.FlatnessTemporalResult;
import org.gengeo.study.FlatnessTemporalStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gengeo study flatness-temporal}: P(f) and sharpness along training, through an alpha-scaling (Zhang et al. 2021, Fig. 5). */
@Command(name = "flatness-temporal", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Flatness and prior volume along training (Zhang et al. 2021, Fig. 5): binary FCNs trained by SGD until they fit S,",
                "then on for --post-epochs, alpha-scaled after --rescale-at of them; every --measure-every epochs, test accuracy,",
                "log10 P(f) of the predicted labels on S u E (EP, NNGP kernel) and Keskar sharpness on S. Writes OUT/temporal.json,",
                "OUT/temporal.csv, OUT/findings.json (bootstrap CIs over seeds, verdicts) and OUT/index.html; resumable."})
public final class FlatnessTemporalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    BinaryStudyOptions common;
    @Option(names = "--seeds", description = "Networks, seeds 0..N-1 (default: the preset's).")
    Integer seeds;
    @Option(names = "--max-epochs", description = "Cap of the fitting phase (default: the preset's).")
    Integer maxEpochs;
    @Option(names = "--post-epochs", description = "Epochs trained after S is fitted (default: the preset's).")
    Integer postEpochs;
    @Option(names = "--rescale-at", description = "Post-fit epoch after which the network is alpha-scaled (default: the preset's).")
    Integer rescaleAt;
    @Option(names = "--measure-every", description = "Measure every N epochs (default: the preset's).")
    Integer measureEvery;
    @Mixin
    CommonOptions.Threads threads;

    @Override
    public Integer call() throws IOException {
        threads.startEngine();
        FlatnessTemporalOptions p = FlatnessTemporalOptions.preset(common.preset, TensorEngine.threads());
        int post = postEpochs != null ? postEpochs : p.postEpochs();
        FlatnessTemporalOptions o = new FlatnessTemporalOptions(common.data != null ? common.data : p.data(), common.dataDir != null ? common.dataDir : p.dataDir(),
                common.trainSize != null ? common.trainSize : p.trainSize(), common.testSize != null ? common.testSize : p.testSize(), seeds != null ? seeds : p.seeds(),
                p.model(), p.lr(), p.batch(), maxEpochs != null ? maxEpochs : p.maxEpochs(), post,
                rescaleAt != null ? rescaleAt : postEpochs != null ? post / 2 : p.rescaleAt(), common.alpha != null ? common.alpha : p.alpha(),
                common.eps != null ? common.eps : p.eps(), p.sharpnessSteps(), measureEvery != null ? measureEvery : p.measureEvery(), p.threads())
                .validate();
        PrintWriter err = spec.commandLine().getErr();
        FlatnessTemporalResult r;
        try (ConsoleProgress progress = new ConsoleProgress("study flatness-temporal").withHeartbeat()) {
            progress.start(0, o.seeds());
            long[] done = {0};
            r = FlatnessTemporalStudy.run(o, common.out, CommandLines.of(spec), line -> {
                progress.println(err, line);
                progress.update(++done[0], o.seeds());
            });
        }
        Json.write(common.out.resolve("temporal.json"), r);
        FlatnessTemporalPage.csv(r).write(common.out.resolve("temporal.csv"));
        FlatnessTemporalPage.html(r).write(common.out.resolve("index.html"));
        StudyFindings findings = new StudyFindings("flatness-temporal", r.provenance(), r.findings());
        findings.write(common.out);
        PrintWriter w = spec.commandLine().getOut();
        w.print(new FindingsTable(List.of(findings)).text());
        w.printf(Locale.ROOT, "%d seeds (%d left out), %d measured networks in %.0f s; written to %s (temporal.json, temporal.csv, "
                + "findings.json, index.html)%n", r.fitEpochs().size(), r.leftOut().size(), r.points().size(), r.wallS(), common.out);
        w.flush();
        return 0;
    }
}
