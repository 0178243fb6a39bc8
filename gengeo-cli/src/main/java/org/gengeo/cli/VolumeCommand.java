package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.measures.VolumeOptions;
import org.gengeo.measures.VolumeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo volume RUN_DIR}: log P(f) of the trained binary classifier's function under the NNGP prior. */
@Command(name = "volume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prior probability P(f) of the function a binary classifier expresses: f = true labels on the training set S",
                "(attack points removed) and the network's predicted labels on the test set E, under the NNGP of its architecture",
                "with a probit likelihood, by Expectation Propagation (Zhang et al. 2021). Writes RUN_DIR/volume.json."})
public final class VolumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory of a binary model (one output).")
    Path dir;
    @Option(names = "--kernel", defaultValue = "analytic", description = "analytic (MLPs) or empirical (any model) (default: ${DEFAULT-VALUE}).")
    String kernel;
    @Option(names = "--sigma-w2", defaultValue = "2", description = "Weight variance of the analytic kernel (default: ${DEFAULT-VALUE}).")
    double sigmaW2;
    @Option(names = "--sigma-b2", defaultValue = "1", description = "Bias variance of the analytic kernel (default: ${DEFAULT-VALUE}).")
    double sigmaB2;
    @Option(names = "--test-points", defaultValue = "1000", description = "Test examples in f (default: ${DEFAULT-VALUE}).")
    int testPoints;
    @Option(names = "--networks", defaultValue = "1000", description = "Random networks for --kernel empirical (default: ${DEFAULT-VALUE}).")
    int networks;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the empirical kernel's networks.")
    long seed;
    @Option(names = "--tol", defaultValue = "1e-5", description = "EP tolerance on the largest site change per sweep (default: ${DEFAULT-VALUE}).")
    double tol;
    @Option(names = "--max-sweeps", defaultValue = "100", description = "EP sweep limit (default: ${DEFAULT-VALUE}).")
    int maxSweeps;
    @Option(names = "--laplace", description = "Also compute the Laplace approximation.")
    boolean laplace;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        VolumeOptions options = new VolumeOptions(kernel, sigmaW2, sigmaB2, testPoints, networks, seed, tol, maxSweeps, laplace).validate();
        return AnalysisCommands.execute(spec, dir, threads, json, RunAnalyses.VOLUME, options, null, null, VolumeCommand::print);
    }

    static void print(PrintWriter out, VolumeResult r) {
        out.printf(Locale.ROOT, "f on |S| = %d (true labels) + |E| = %d (predicted; test accuracy %.4f)%n", r.trainPoints(),
                r.testPoints(), r.testAccuracy());
        out.printf(Locale.ROOT, "kernel: %s (%.2f s)%n", r.kernel(), r.kernelS());
        out.printf(Locale.ROOT, "log10 P(f) = %.4f   (ln P = %.4f; EP %d sweeps, %s, jitter %.2g, %.2f s)%n", r.log10P(), r.logP(),
                r.ep().iterations(), r.ep().converged() ? "converged" : "NOT converged", r.ep().jitter(), r.epS());
        if (r.laplace() != null) {
            out.printf(Locale.ROOT, "Laplace: log10 P(f) = %.4f (%d Newton steps, %.2f s)%n", r.laplace().log10Z(),
                    r.laplace().iterations(), r.laplaceS());
        }
        out.println("written to volume.json");
    }
}
