package org.gengeo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Network;
import org.gengeo.measures.HessianAnalysis;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.LandscapeOptions;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.measures.LossLandscape;
import org.gengeo.report.CurvaturePages;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
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
        threads.startEngine();
        String command = CommandLines.of(spec);
        RunDirectory run = RunDirectory.open(dir);
        LandscapeResult r;
        try (LoadedRun loaded = LoadedRun.open(run, null); ConsoleProgress progress = new ConsoleProgress("landscape")) {
            Network net = loaded.network();
            int count = twoD ? 2 : 1;
            List<Map<String, double[]>> directions = options.directions().equalsIgnoreCase("eigen")
                    ? eigenDirections(loaded, count, command)
                    : LossLandscape.randomDirections(net, count, seed);
            r = LossLandscape.evaluate(net, loaded.data().train(), loaded.data().test(), directions, options, dir.toString(),
                    Provenance.current(command), progress);
        }
        Json.write(dir.resolve(LandscapeResult.FILE), r);
        CurvaturePages.landscapePage(r).write(dir.resolve("landscape.html"));
        json.write(r);
        int mid = r.alpha().length / 2;
        int midRow = r.trainLoss().length / 2;
        spec.commandLine().getOut().printf(Locale.ROOT, "train loss at w %.6g, at the grid's ends %.6g and %.6g; written to landscape.json "
                + "and landscape.html (%.1f s)%n", r.trainLoss()[midRow][mid], r.trainLoss()[midRow][0],
                r.trainLoss()[midRow][r.alpha().length - 1], r.wallS());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The top Hessian eigenvectors: from hessian-eigenvectors.safetensors if it holds enough, else computed now (Lanczos). */
    private List<Map<String, double[]>> eigenDirections(LoadedRun loaded, int count, String command) {
        Path file = dir.resolve("hessian-eigenvectors.safetensors");
        Network net = loaded.network();
        HessianAnalysis.SavedEigenvectors saved = Files.isRegularFile(file) ? HessianAnalysis.readEigenvectors(file, net) : null;
        if (saved == null || saved.vectors().size() < count) {
            HessianOptions o = HessianOptions.defaults();
            HessianOptions top = new HessianOptions(count, 0, false, false, List.of(), o.samples(), "lanczos", "hessian", seed,
                    o.chunk(), o.maxSteps(), o.tol(), o.traceProbes(), o.traceTol(), o.slqRuns(), o.slqSteps());
            HessianAnalysis.run(net, loaded.data().train(), top, dir.toString(), Provenance.current(command), file);
            saved = HessianAnalysis.readEigenvectors(file, net);
        }
        List<Map<String, double[]>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(LossLandscape.eigenDirection(net, saved.block(), saved.vectors().get(i)));
        }
        return out;
    }
}
