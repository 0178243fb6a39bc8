package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.measures.LandscapeOptions;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.report.CurvaturePages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo landscape RUN_DIR}: training and test loss along one or two directions in parameter space. */
@Command(name = "landscape", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loss-landscape slice: train and test loss at w + a d1 (+ b d2) on a grid, along random filter-normalised",
                "directions (Li et al. 2018) or the top Hessian eigenvectors. Writes RUN_DIR/landscape.json and landscape.html."})
public final class LandscapeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory.")
    Path dir;
    @Option(names = "--dirs", defaultValue = "random", description = "random or eigen (default: ${DEFAULT-VALUE}).")
    String dirs;
    @Option(names = "--2d", description = "A 2-D grid over two directions (contour map).")
    boolean twoD;
    @Option(names = "--points", defaultValue = "21", description = "Grid points per axis (default: ${DEFAULT-VALUE}).")
    int points;
    @Option(names = "--span", defaultValue = "1.0", description = "Grid covers [-span, span] (default: ${DEFAULT-VALUE}).")
    double span;
    @Option(names = "--samples", paramLabel = "N", description = "Evaluate N training examples (a seeded sample) instead of all.")
    Integer samples;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the directions and the sample.")
    long seed;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        LandscapeOptions options = new LandscapeOptions(dirs, twoD, points, span, samples, seed).validate();
        return AnalysisCommands.execute(spec, dir, threads, json, RunAnalyses.LANDSCAPE, options, "landscape",
                new AnalysisCommands.Page<>(RunArtifacts.LANDSCAPE_PAGE, CurvaturePages::landscapePage), LandscapeCommand::print);
    }

    private static void print(PrintWriter out, LandscapeResult r) {
        int mid = r.alpha().length / 2;
        int midRow = r.trainLoss().length / 2;
        out.printf(Locale.ROOT, "train loss at w %.6g, at the grid's ends %.6g and %.6g; written to landscape.json "
                + "and landscape.html (%.1f s)%n", r.trainLoss()[midRow][mid], r.trainLoss()[midRow][0],
                r.trainLoss()[midRow][r.alpha().length - 1], r.wallS());
    }
}
