package org.gengeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gengeo.core.GengeoException;
import org.gengeo.sweep.ResultsTable;
import org.gengeo.sweep.SweepConfig;
import org.gengeo.sweep.SweepEngine;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo sweep FILE --out DIR}: train and measure a grid of models, resumably, into results.csv and results.parquet. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train and measure every model of a sweep file (YAML or JSON: name, base, grid, runs, measures; keys are",
                "gengeo train flags without dashes) into DIR/runs/ID, and collect DIR/results.csv and DIR/results.parquet. Run it",
                "again after an interruption (even kill -9): finished models are kept, unfinished ones resume."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Sweep file (.yaml, .yml or .json).")
    Path file;
    @Option(names = "--preset", paramLabel = "NAME", description = "A built-in sweep instead of FILE: zoo-small (32 MLPs, one machine) or zoo-large (243 models, a cluster).")
    String preset;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep directory.")
    Path out;
    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local", description = "local (a pool of worker threads on this "
            + "machine) or spark (one Spark task per model; needs the gengeo-spark module, which bin/gengeo adds). Both write "
            + "DIR/results.csv and DIR/results.parquet.")
    String engine;
    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark (default: spark-submit's, else local[*]).")
    String master;
    @Option(names = "--workers", paramLabel = "N", description = "Models trained at once (default: the cores / --threads).")
    Integer workers;
    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "Engine threads of each worker (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--dry-run", description = "Check the file and list the models without training.")
    boolean dryRun;
    @Option(names = "--id", hidden = true, description = "Worker mode: finish only this model, in this process.")
    String id;
    @Option(names = "--parent-pid", hidden = true, description = "Worker mode: stop when this process ends.")
    Long parentPid;

    @Override
    public Integer call() {
        if ((file == null) == (preset == null)) {
            throw new GengeoException("give either a sweep FILE or --preset NAME");
        }
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new GengeoException("--engine must be local or spark, got '" + engine + "'");
        }
        if (master != null && !engine.equals("spark")) {
            throw new GengeoException("--master is for --engine spark only");
        }
        SweepPlan plan = file != null ? SweepPlan.read(file) : SweepPlan.preset(preset);
        var out = spec.commandLine().getOut();
        int w = workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threads));
        out.printf("sweep %s: %d models, %d measures, %s x %d threads%n", plan.name(), plan.configs().size(),
                plan.measures().size(), engine.equals("spark") ? "Spark tasks" : w + " workers", threads);
        if (dryRun) {
            plan.configs().forEach(c -> out.println("  " + c.id() + " " + c.factors()));
            out.flush();
            return 0;
        }
        out.flush();
        String command = CommandLines.of(spec);
        if (id != null) {
            return worker(plan, command);
        }
        if (engine.equals("spark")) {
            SweepEngine.Request request = new SweepEngine.Request(file != null ? file.toString() : null, preset, this.out.toString(),
                    threads, master, command);
            return report(SweepEngine.named(engine).run(request, line -> {
                out.println(line);
                out.flush();
            }), out);
        }
        SweepRunner.ModelExecutor executor = w == 1 ? SweepRunner.inProcess(plan, this.out, threads, command)
                : new ProcessPerModel(plan, this.out, file != null ? List.of(file.toString()) : List.of("--preset", preset), threads);
        long already = plan.configs().stream().filter(c -> SweepRunner.finished(plan, this.out, c)).count();
        SweepRunner.Outcome o;
        try (ConsoleProgress progress = new ConsoleProgress("sweep").withHeartbeat()) {
            progress.start(already, plan.configs().size());
            int[] reported = {0};
            o = SweepRunner.run(plan, this.out, w, executor, command, line -> {
                progress.println(out, line);
                progress.update(Math.max(already, ++reported[0]), plan.configs().size());
            });
        }
        return report(o, out);
    }

    /** Prints how many models finished; a one-line error if any failed. */
    private int report(SweepRunner.Outcome o, java.io.PrintWriter out) {
        out.printf("%d of %d models finished; table: %s%n", o.finished(), o.total(), this.out.resolve(ResultsTable.FILE));
        out.flush();
        if (!o.failures().isEmpty()) {
            throw new GengeoException(o.failures().size() + " model(s) failed, first " + o.failures().keySet().iterator().next() + ": "
                    + o.failures().values().iterator().next());
        }
        return 0;
    }

    /** A child of {@link ProcessPerModel}: one model, stopping if the parent dies. */
    private int worker(SweepPlan plan, String command) {
        if (parentPid != null) {
            ProcessPerModel.watchParent(parentPid);
        }
        SweepConfig c = plan.configs().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new GengeoException("no model with id " + id + " in sweep " + plan.name()));
        SweepRunner.inProcess(plan, this.out, threads, command).finish(c);
        return 0;
    }
}
