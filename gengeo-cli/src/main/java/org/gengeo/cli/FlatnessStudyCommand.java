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
import org.gengeo.study.FlatnessPage;
import org.gengeo.study.FlatnessStudy;
import org.gengeo.study.FlatnessStudyOptions;
import org.gengeo.study.FlatnessStudyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gengeo study flatness}: sharpness versus prior volume over an attack-set zoo (Zhang et al. 2021). */
@Command(name = "flatness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Flatness versus volume (Zhang et al. 2021): binary classifiers trained to 100%% training accuracy on S plus",
                "|A| flipped-label attack points, with SGD, Adam and Entropy-SGD; for each, test accuracy, log10 P(f) (EP, NNGP kernel),",
                "Keskar sharpness and Hessian measures, before and after alpha-scaling. Writes OUT/flatness.json,",
                "OUT/flatness.csv, OUT/findings.json (bootstrap CIs over networks, verdicts) and OUT/index.html; resumable."})
public final class FlatnessStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    BinaryStudyOptions common;
    @Option(names = "--attacks", split = ",", description = "Attack-set sizes, e.g. 0,50,100 (default: the preset's).")
    int[] attacks;
    @Option(names = "--seeds", description = "Seeds per attack size (default: the preset's).")
    Integer seeds;
    @Option(names = "--optimisers", split = ",", description = "Any of sgd, adam, entropy-sgd (default: all three).")
    List<String> optimisers;
    @Option(names = "--max-epochs", description = "Epoch cap (default: the preset's).")
    Integer maxEpochs;
    @Option(names = "--measure-on", defaultValue = "S", paramLabel = "SET",
            description = "Measure sharpness and the Hessian on S (the authors' code) or S+A (the set trained on) (default: ${DEFAULT-VALUE}).")
    String measureOn;
    @Option(names = "--stop-on", defaultValue = "S", paramLabel = "SET",
            description = "Stop training at 100%% accuracy on S (the authors' code) or on S+A (every point trained on) (default: ${DEFAULT-VALUE}).")
    String stopOn;
    @Mixin
    CommonOptions.Threads threads;

    @Override
    public Integer call() throws IOException {
        threads.startEngine();
        FlatnessStudyOptions p = FlatnessStudyOptions.preset(common.preset, TensorEngine.threads());
        FlatnessStudyOptions o = new FlatnessStudyOptions(common.data != null ? common.data : p.data(), common.dataDir != null ? common.dataDir : p.dataDir(),
                common.trainSize != null ? common.trainSize : p.trainSize(), common.testSize != null ? common.testSize : p.testSize(),
                attacks != null ? attacks : p.attacks(), seeds != null ? seeds : p.seeds(),
                optimisers != null ? optimisers.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList() : p.optimisers(),
                p.model(), p.sgdLr(), p.adamLr(), p.esgdLr(), p.esgd(), p.batch(), maxEpochs != null ? maxEpochs : p.maxEpochs(),
                common.alpha != null ? common.alpha : p.alpha(), common.eps != null ? common.eps : p.eps(), p.sharpnessSteps(), measureOn, stopOn, p.threads()).validate();
        PrintWriter err = spec.commandLine().getErr();
        long total = (long) o.optimisers().size() * o.attacks().length * o.seeds();
        FlatnessStudyResult r;
        try (ConsoleProgress progress = new ConsoleProgress("study flatness").withHeartbeat()) {
            progress.start(0, total);
            long[] done = {0};
            r = FlatnessStudy.run(o, common.out, CommandLines.of(spec), line -> {
                progress.println(err, line);
                progress.update(++done[0], total);
            });
        }
        Json.write(common.out.resolve("flatness.json"), r);
        FlatnessPage.csv(r).write(common.out.resolve("flatness.csv"));
        FlatnessPage.html(r).write(common.out.resolve("index.html"));
        PrintWriter w = spec.commandLine().getOut();
        StudyFindings findings = new StudyFindings("flatness", r.provenance(), r.findings());
        findings.write(common.out);
        w.print(new FindingsTable(List.of(findings)).text());
        w.printf(Locale.ROOT, "%d networks in %.0f s; written to %s (flatness.json, flatness.csv, findings.json, index.html)%n", r.rows().size(),
                r.wallS(), common.out);
        w.flush();
        return 0;
    }
}
