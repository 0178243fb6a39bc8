package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.duality.DualityOptions;
import org.gengeo.duality.DualityResult;
import org.gengeo.report.DualityPages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo duality RUN_DIR}: the activity-weight duality decomposition of the generalization loss on one layer. */
@Command(name = "duality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Activity-weight duality (Feng and Tu 2022) on one dense layer: dual weights of test/train pairs, effective",
                "gradients, their statistics along the layer Hessian's eigenvectors, the exact identity for the loss change, the",
                "second-order form, the sharp/flat split and the true generalization loss. Writes RUN_DIR/duality.json and duality.html."})
public final class DualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory.")
    Path dir;
    @Option(names = "--layer", defaultValue = "fc1", description = "Dense layer (default: ${DEFAULT-VALUE}, the hidden-to-hidden matrix of an MLP with two hidden layers).")
    String layer;
    @Option(names = "--top", paramLabel = "K", defaultValue = "20", description = "Eigenpairs Lanczos computes when the layer is too large for the dense Hessian (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--hessian", defaultValue = "auto", description = "auto, closed-form (ReLU nets), autograd (dense from Hessian-vector products) or lanczos (default: ${DEFAULT-VALUE}).")
    String hessian;
    @Option(names = "--dense-limit", defaultValue = "2500", description = "Largest layer (parameters) given the full Hessian under auto (default: ${DEFAULT-VALUE}).")
    int denseLimit;
    @Option(names = "--augmented", description = "Also change the bias (the [a; 1] form); default: bias held fixed.")
    boolean augmented;
    @Option(names = "--pair-space", defaultValue = "input", description = "input (raw features) or hidden (the layer's input activity) (default: ${DEFAULT-VALUE}).")
    String space;
    @Option(names = "--neighbours", paramLabel = "K", defaultValue = "1", description = "Nearest same-class training examples per test example (default: ${DEFAULT-VALUE}).")
    int neighbours;
    @Option(names = "--all-pairs", description = "Use every same-class (test, train) pair.")
    boolean allPairs;
    @Option(names = "--sharp", defaultValue = "10", description = "Directions counted as sharp in the split (default: ${DEFAULT-VALUE}).")
    int sharp;
    @Option(names = "--chunk", defaultValue = "1000", description = "Examples or pairs per pass (default: ${DEFAULT-VALUE}).")
    int chunk;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the Lanczos start vector.")
    long seed;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        DualityOptions options = new DualityOptions(layer, augmented, space, neighbours, allPairs, hessian, top, denseLimit, sharp, chunk,
                seed).validate();
        return AnalysisCommands.execute(spec, dir, threads, json, RunAnalyses.DUALITY, options, null,
                new AnalysisCommands.Page<>(RunArtifacts.DUALITY_PAGE, DualityPages::page), DualityCommand::print);
    }

    private static void print(PrintWriter out, DualityResult r) {
        out.printf(Locale.ROOT, "duality on %s (%d parameters, Hessian %s, %d directions), %d pairs%n", r.layer(), r.dimension(),
                r.hessianMethod(), r.directions().h().length, r.pairs());
        for (String[] row : DualityPages.rows(r)) {
            out.printf(Locale.ROOT, "  %-58s %s%n", row[0], row[1]);
        }
        out.printf(Locale.ROOT, "%.1f s; written to duality.json and duality.html%n", r.timings().get("total"));
    }
}
