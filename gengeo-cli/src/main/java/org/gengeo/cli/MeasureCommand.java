package org.gengeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.core.GengeoException;
import org.gengeo.measures.registry.Measure;
import org.gengeo.measures.registry.MeasureParameter;
import org.gengeo.measures.registry.MeasureRegistry;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.measures.registry.MeasuresRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo measure RUN_DIR --all | --only a,b}: generalization measures of a saved model into measures.json. */
@Command(name = "measure", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute generalization measures of a run's model and merge them into RUN_DIR/measures.json",
                "(one entry per measure: value, details, parameters, provenance). `gengeo measure --list` shows them all."})
public final class MeasureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", arity = "0..1", description = "Run directory.")
    Path dir;
    @ArgGroup(exclusive = true)
    Which which;
    @Option(names = "--param", paramLabel = "MEASURE.KEY=VALUE",
            description = "A measure's parameter, e.g. hessian-top.samples=500 (repeatable).")
    List<String> params = List.of();
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    /** Which measures: all, a list, or just print the catalogue. */
    static final class Which {
        @Option(names = "--all", description = "Every measure.")
        boolean all;
        @Option(names = "--only", paramLabel = "A,B,...", description = "These measures (comma-separated).")
        String only;
        @Option(names = "--list", description = "List the measures: name, data needed, cost, parameters.")
        boolean list;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (which != null && which.list) {
            out.print(catalogue());
            out.flush();
            return 0;
        }
        if (dir == null || which == null) {
            throw new GengeoException("give RUN_DIR and --all or --only A,B (or --list to see the measures)");
        }
        List<Measure> measures = which.all ? MeasureRegistry.ALL : MeasureRegistry.parseList(which.only);
        Map<String, Map<String, Double>> overrides = MeasureRegistry.parseParameters(params);
        threads.startEngine();
        long[] work = workBefore(measures);
        MeasuresRecord record;
        try (ConsoleProgress progress = new ConsoleProgress("measure").withHeartbeat()) {
            progress.start(0, work[measures.size()]);
            int[] done = {0};
            record = MeasureRunner.run(dir, measures, overrides, false, which.all, CommandLines.of(spec), line -> {
                progress.println(out, line);
                done[0]++;
                progress.message(done[0] < measures.size() ? " next: " + measures.get(done[0]).name() : "");
                progress.update(work[done[0]], work[measures.size()]);
            });
        }
        json.write(record);
        out.println("wrote " + dir.resolve(RunArtifacts.MEASURES.file()));
        out.flush();
        return 0;
    }

    /**
     * The estimated work before each measure, for the progress bar's time estimate: {@code work[k]} is the
     * summed weight of the first k measures, weighing a measure by its cost class (weights only 1,
     * passes over the data 10, Hessian-vector products 100: the orders of magnitude of
     * {@link Measure.Cost}).
     */
    static long[] workBefore(List<Measure> measures) {
        long[] work = new long[measures.size() + 1];
        for (int k = 0; k < measures.size(); k++) {
            work[k + 1] = work[k] + switch (measures.get(k).cost()) {
                case WEIGHTS -> 1;
                case PASSES -> 10;
                case CURVATURE -> 100;
            };
        }
        return work;
    }

    /** One line per measure, then its parameters indented. */
    static String catalogue() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-20s %-6s %-10s %s%n", "measure", "data", "cost", "what"));
        for (Measure m : MeasureRegistry.ALL) {
            b.append(String.format(Locale.ROOT, "%-20s %-6s %-10s %s%n", m.name(), m.data().name().toLowerCase(Locale.ROOT),
                    m.cost().name().toLowerCase(Locale.ROOT), m.description()));
            for (MeasureParameter p : m.parameters()) {
                b.append(String.format(Locale.ROOT, "%24s%s = %s  %s%n", "", p.name(), format(p.defaultValue()), p.description()));
            }
        }
        return b.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
