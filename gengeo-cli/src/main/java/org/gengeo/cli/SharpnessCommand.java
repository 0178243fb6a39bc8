package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.measures.SharpnessOptions;
import org.gengeo.measures.SharpnessResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo sharpness RUN_DIR}: Keskar sharpness and Hessian-based flatness measures. */
@Command(name = "sharpness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Flatness of a run's training loss (attack points included, as trained): Keskar et al.'s eps-sharpness",
                "(projected ascent in the box |w'_i - w_i| <= eps (|w_i| + 1)), the top Hessian eigenvalue, its trace and",
                "Frobenius norm, and the product of the weight norms. Writes RUN_DIR/sharpness.json."})
public final class SharpnessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory.")
    Path dir;
    @Option(names = "--eps", defaultValue = "1e-4", description = "Box size (default: ${DEFAULT-VALUE}).")
    double eps;
    @Option(names = "--steps", defaultValue = "100", description = "Ascent steps (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--step-fraction", defaultValue = "0.1", description = "Step as a fraction of each half-width (default: ${DEFAULT-VALUE}).")
    double stepFraction;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random start and the probes.")
    long seed;
    @Option(names = "--chunk", defaultValue = "1000", description = "Examples per pass (default: ${DEFAULT-VALUE}).")
    int chunk;
    @Option(names = "--no-curvature", description = "Skip the Hessian eigenvalue, trace and Frobenius norm.")
    boolean noCurvature;
    @Option(names = "--lanczos-steps", defaultValue = "100", description = "Most Lanczos steps (default: ${DEFAULT-VALUE}).")
    int lanczosSteps;
    @Option(names = "--probes", defaultValue = "20", description = "Probes for the trace and Frobenius norm (default: ${DEFAULT-VALUE}).")
    int probes;
    @Option(names = "--clean", description = "Measure on the training set without its attack points.")
    boolean clean;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        SharpnessOptions options = new SharpnessOptions(eps, steps, stepFraction, seed, chunk, !noCurvature, lanczosSteps, probes).validate();
        return AnalysisCommands.execute(spec, dir, threads, json, RunAnalyses.SHARPNESS, new RunAnalyses.SharpnessRequest(options, clean),
                null, null, SharpnessCommand::print);
    }

    private static void print(PrintWriter out, SharpnessResult r) {
        out.printf(Locale.ROOT, "training loss %.6g over %d examples, %d parameters%n", r.loss(), r.examples(), r.parameters());
        out.printf(Locale.ROOT, "sharpness (eps %.3g, %d steps) %.6g   max loss in box %.6g%n", r.options().eps(), r.options().steps(),
                r.sharpness(), r.maxLossInBox());
        if (r.options().curvature()) {
            out.printf(Locale.ROOT, "lambda_max %.6g   trace %.6g +- %.2g   ||H||_F %.6g +- %.2g%n", r.topEigenvalue(), r.trace(),
                    r.traceError(), r.hessianFrobenius(), r.frobeniusError());
        }
        out.printf(Locale.ROOT, "product of weight norms %.6g; %.1f s; written to sharpness.json%n", r.weightNormProduct(), r.wallS());
    }
}
