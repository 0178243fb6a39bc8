package org.gengeo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.measures.AlphaScaling;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo rescale RUN_DIR --alpha A --layers fc0,fc1 --out NEW_RUN_DIR}: the function-preserving alpha-scaling. */
@Command(name = "rescale", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Alpha-scale transformation of a ReLU network (Dinh et al. 2017): the first of two consecutive layers is",
                "multiplied by 1/alpha (weights and bias), the second's weights by alpha. The function is unchanged; sharpness is not.",
                "Copies RUN_DIR to NEW_RUN_DIR with the rescaled model, checks that the outputs agree on the training and test",
                "sets, and writes NEW_RUN_DIR/rescale.json."})
public final class RescaleCommand implements Callable<Integer> {
    /** Largest relative output difference accepted (float32 rounding of the rescaled weights). */
    static final double TOLERANCE = 1e-4;

    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory of a ReLU network.")
    Path dir;
    @Option(names = "--alpha", required = true, description = "Scale factor (> 0); the paper uses 5.9.")
    double alpha;
    @Option(names = "--layers", required = true, paramLabel = "FIRST,SECOND", description = "Two consecutive layers, e.g. fc0,fc1.")
    String layers;
    @Option(names = "--out", required = true, paramLabel = "NEW_RUN_DIR", description = "Directory for the rescaled run.")
    Path out;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    /** rescale.json. */
    public record RescaleRecord(Provenance provenance, String source, String first, String second, double alpha,
                                AlphaScaling.Agreement train, AlphaScaling.Agreement test) {}

    @Override
    public Integer call() {
        String[] pair = layers.split(",");
        if (pair.length != 2) {
            throw new GengeoException("--layers needs two comma-separated layer names, e.g. fc0,fc1; got '" + layers + "'");
        }
        if (Files.exists(out.resolve("config.json"))) {
            throw new GengeoException(out + " already holds a run (config.json exists); choose another --out");
        }
        threads.startEngine();
        String command = CommandLines.of(spec);
        RescaleRecord r;
        try (LoadedRun loaded = LoadedRun.open(RunDirectory.open(dir), null);
             Network scaled = AlphaScaling.rescale(loaded.network(), pair[0].trim(), pair[1].trim(), alpha)) {
            AlphaScaling.Agreement train = AlphaScaling.compare(loaded.network(), scaled, loaded.data().train());
            AlphaScaling.Agreement test = AlphaScaling.compare(loaded.network(), scaled, loaded.data().test());
            double worst = Math.max(train.relativeDifference(), test.relativeDifference());
            if (!(worst <= TOLERANCE)) {
                throw new GengeoException("alpha-scaling changed the outputs by " + worst + " relative (more than " + TOLERANCE
                        + "); alpha " + alpha + " is too extreme for the model's precision");
            }
            copyRun(dir, out);
            Provenance p = Provenance.current(command);
            NetworkFiles.save(out.resolve("model.safetensors"), scaled, Json.line(p));
            r = new RescaleRecord(p, dir.toString(), pair[0].trim(), pair[1].trim(), alpha, train, test);
        }
        Json.write(out.resolve("rescale.json"), r);
        json.write(r);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s x 1/%s and %s.weight x %s; outputs agree to %.2e (train) and %.2e (test) relative; written to %s%n",
                r.first(), alpha, r.second(), alpha, r.train().relativeDifference(), r.test().relativeDifference(), out);
        o.flush();
        return 0;
    }

    /** Copies the run's files (not its measurements' outputs or the model, which is rewritten) into {@code to}. */
    private static void copyRun(Path from, Path to) {
        AtomicFiles.createDirectories(to);
        try {
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    boolean copy = Files.isRegularFile(f) && (name.equals("config.json") || name.equals("run.json")
                            || name.equals("data.json") || name.equals("metrics.jsonl"));
                    if (copy) {
                        Files.copy(f, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new GengeoException(to + ": cannot write the rescaled run: " + e.getMessage());
        }
    }
}
