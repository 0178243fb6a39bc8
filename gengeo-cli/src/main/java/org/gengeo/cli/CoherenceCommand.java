package org.gengeo.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;
import org.gengeo.pergrad.Coherence;
import org.gengeo.measures.CoherenceAnalysis;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo coherence RUN_DIR}: m-coherence of per-example gradients of a saved model. */
@Command(name = "coherence", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"m-coherence of the per-example gradients of a run's model on a fixed sample of training (or test)",
                "examples, for the whole network and per layer (Chatterjee 2020). Writes RUN_DIR/coherence.json."})
public final class CoherenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory.")
    Path dir;
    @Option(names = "--sample", paramLabel = "M", defaultValue = "1000", description = "Examples (a seeded sample; all if fewer) (default: ${DEFAULT-VALUE}).")
    int sample;
    @Option(names = "--on", defaultValue = "train", description = "train or test (default: ${DEFAULT-VALUE}).")
    String on;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sample.")
    long seed;
    @Option(names = "--chunk", defaultValue = "500", description = "Examples per pass (default: ${DEFAULT-VALUE}).")
    int chunk;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        threads.startEngine();
        CoherenceRecord record;
        try (LoadedRun run = LoadedRun.open(RunDirectory.open(dir), null)) {
            record = CoherenceAnalysis.run(run, on, sample, seed, chunk, dir.toString(), Provenance.current(CommandLines.of(spec)));
        }
        Json.write(dir.resolve(CoherenceRecord.FILE), record);
        json.write(record);
        var out = spec.commandLine().getOut();
        Coherence.Result r = record.coherence();
        out.printf(Locale.ROOT, "m-coherence over %d %s examples: %.3f (alpha %.4g)%n", r.examples(), on, r.total().mCoherence(),
                r.total().alpha());
        for (Map.Entry<String, Coherence.Value> e : r.layers().entrySet()) {
            out.printf(Locale.ROOT, "  %-8s m-coherence %10.3f  alpha %.4g  weight f %.3f%n", e.getKey(), e.getValue().mCoherence(),
                    e.getValue().alpha(), e.getValue().weight());
        }
        if (record.groups() != null) {
            for (Map.Entry<String, Coherence.Share> e : record.groups().entrySet()) {
                out.printf(Locale.ROOT, "  %-8s %5d examples, share of the step f = %.3f, m-coherence within %.3f%n", e.getKey(),
                        e.getValue().examples(), e.getValue().stepShare(), e.getValue().coherence().mCoherence());
            }
        }
        if (!r.loopedParameters().isEmpty()) {
            out.println("  (per-example gradients computed exactly by a loop, one backward pass per example, for the parameters of "
                    + "layer types without a batched rule: " + r.loopedParameters() + ")");
        }
        out.flush();
        return 0;
    }
}
