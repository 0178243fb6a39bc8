package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.measures.CoherenceAnalysis;
import org.gengeo.pergrad.Coherence;
import org.gengeo.pergrad.CoherenceRecord;
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
        CoherenceAnalysis.Options options = new CoherenceAnalysis.Options(on, sample, seed, chunk).validate();
        return AnalysisCommands.execute(spec, dir, threads, json, RunAnalyses.COHERENCE, options, null, null, CoherenceCommand::print);
    }

    private static void print(PrintWriter out, CoherenceRecord record) {
        Coherence.Result r = record.coherence();
        out.printf(Locale.ROOT, "m-coherence over %d %s examples: %.3f (alpha %.4g)%n", r.examples(), record.on(), r.total().mCoherence(),
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
    }
}
