package org.gengeo.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.ProcessLock;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.measures.registry.Measure;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;

/**
 * Runs a sweep on this machine: a bounded pool of worker threads hands each model to a
 * {@link ModelExecutor} (in this JVM, or a child process per model), each training with
 * {@code threads} engine threads, so workers x threads should not exceed the cores. Each model goes
 * through three steps, each of which survives a kill at any moment:
 * <ol>
 *   <li>training into {@code OUT/runs/ID}: resumed from its checkpoint if one exists, started afresh
 *       if the directory holds no checkpoint yet (a kill before the first one), skipped if run.json
 *       says it ended;</li>
 *   <li>measures, merged into the run's measures.json one at a time (those already there are kept);</li>
 *   <li>{@code row.json}, written atomically once both are done, then {@code results.csv} and
 *       {@code results.parquet} rebuilt ({@link #writeTables}).</li>
 * </ol>
 */
public final class SweepRunner {
    private SweepRunner() {}

    /** Where one model's run directory is. */
    public static Path runDir(Path out, String id) {
        return out.resolve("runs").resolve(id);
    }

    /** Where one model's finished row is. */
    public static Path rowFile(Path out, String id) {
        return runDir(out, id).resolve("row.json");
    }

    /** {@code sweep.json}: what the sweep is. */
    public record SweepRecord(Provenance provenance, String name, List<String> columns, List<String> measures,
                              Map<String, Map<String, Double>> parameters, List<SweepConfig> configs) {}

    /** What happened: models finished (including earlier sessions), and the ids that failed with their messages. */
    public record Outcome(int finished, int total, Map<String, String> failures) {}

    /** Brings one model to its finished row (trained, measured, row.json written); false if it was finished already. */
    public interface ModelExecutor {
        boolean finish(SweepConfig config);
    }

    /**
     * Runs the models in this JVM, one at a time (DJL lets only one gradient collector record at a
     * time in a process, so parallel workers must be separate processes; see {@code gengeo sweep}).
     */
    public static ModelExecutor inProcess(SweepPlan plan, Path out, int threads, String command) {
        TensorEngine.start(threads);
        return new ModelExecutor() {
            @Override
            public synchronized boolean finish(SweepConfig c) {
                TensorEngine.attachThread();
                return model(plan, out, c, threads, command);
            }
        };
    }

    /** Prepares {@code out} and writes sweep.json. */
    public static void prepare(SweepPlan plan, Path out, String command) {
        AtomicFiles.createDirectories(out.resolve("runs"));
        Json.write(out.resolve("sweep.json"), new SweepRecord(Provenance.current(command), plan.name(), plan.columns(),
                plan.measures().stream().map(m -> m.name()).toList(), plan.parameters(), plan.configs()));
    }

    /** Runs every unfinished model of {@code plan} into {@code out}, {@code workers} at a time, through {@code executor}. */
    public static Outcome run(SweepPlan plan, Path out, int workers, ModelExecutor executor, String command, Consumer<String> progress) {
        if (workers < 1) {
            throw new GengeoException("--workers must be at least 1");
        }
        prepare(plan, out, command);
        return withSweepLock(out, () -> runLocked(plan, out, workers, executor, command, progress));
    }

    /**
     * Runs {@code body} holding {@code out/sweep.lock} (an OS lock, released even by kill -9), so that
     * two sweep processes never work in one directory; a one-line error if another holds it.
     */
    public static <T> T withSweepLock(Path out, Supplier<T> body) {
        try (ProcessLock lock = ProcessLock.tryLock(out.resolve("sweep.lock"), out + ": another gengeo sweep is running in this directory")) {
            return body.get();
        }
    }

    private static Outcome runLocked(SweepPlan plan, Path out, int workers, ModelExecutor executor, String command,
                                     Consumer<String> progress) {
        Map<String, String> failures = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepConfig c : plan.configs()) {
                futures.add(pool.submit(() -> {
                    try {
                        boolean fresh = executor.finish(c);
                        synchronized (SweepRunner.class) {
                            writeTables(plan, out, command);
                            progress.accept(String.format(Locale.ROOT, "[%d/%d] %s %s %s", done.incrementAndGet(), plan.configs().size(),
                                    c.id(), fresh ? "done" : "already done", c.factors()));
                        }
                    } catch (RuntimeException e) {
                        synchronized (SweepRunner.class) {
                            failures.put(c.id(), e.getMessage());
                            progress.accept("failed: " + c.id() + " " + c.factors() + ": " + e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GengeoException("sweep interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int rows = writeTables(plan, out, command);
        return new Outcome(rows, plan.configs().size(), failures);
    }

    /** Rebuilds the local engine's tables from the finished rows, read once: results.csv, then results.parquet; returns the rows. */
    public static int writeTables(SweepPlan plan, Path out, String command) {
        List<SweepRow> rows = ResultsTable.rows(plan, out);
        ResultsTable.write(plan, rows, out);
        return ResultsParquet.write(plan, rows, out, command);
    }

    /** Whether model {@code c} has its row with every measure of the plan. */
    public static boolean finished(SweepPlan plan, Path out, SweepConfig c) {
        Path row = rowFile(out, c.id());
        Architecture architecture = Architecture.parse(c.config().model());
        List<String> wanted = plan.measures().stream().filter(m -> m.notApplicable(architecture) == null).map(m -> m.name()).toList();
        return Files.isRegularFile(row) && Json.read(row, SweepRow.class).measures().keySet().containsAll(wanted);
    }

    /**
     * Brings one model to its finished row; false if it was finished already. The model's lock file
     * (an OS lock, released even by kill -9) keeps a second process, say a worker orphaned by a
     * killed sweep, from working on the same run at the same time: the second waits, then finds the
     * model finished.
     */
    static boolean model(SweepPlan plan, Path out, SweepConfig c, int threads, String command) {
        try (FileChannel channel = FileChannel.open(out.resolve("runs").resolve(c.id() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            return finished(plan, out, c) ? false : build(plan, out, c, threads, command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock model " + c.id() + " in " + out, e);
        }
    }

    /** Trains, measures and writes the row of model {@code c} (under its lock). */
    private static boolean build(SweepPlan plan, Path out, SweepConfig c, int threads, String command) {
        Path row = rowFile(out, c.id());
        Path dir = runDir(out, c.id());
        RunRecord record = train(dir, c.config().with("threads", threads), command);
        MeasuresRecord m = MeasureRunner.run(dir, plan.measures(), plan.parameters(), true, true, command, line -> { });
        Map<String, Double> values = new LinkedHashMap<>();
        m.measures().forEach((k, v) -> values.put(k, v.value()));
        for (Measure measure : plan.measures()) {
            MeasuresRecord.Entry entry = m.measures().get(measure.name());
            if (entry != null && measure.detailsAreFeatures()) {
                entry.details().forEach((detail, value) -> values.put(ResultsSchema.featureColumn(measure.name(), detail), value));
            }
        }
        var last = record.last();
        Json.write(row, new SweepRow(c.id(), c.factors(), record.outcome(), record.steps(), last.trainLoss(), last.trainAcc(),
                last.testLoss(), last.testAcc(), values));
        return true;
    }

    /** Trains, resumes or just reads the run in {@code dir} (see the class comment). */
    private static RunRecord train(Path dir, TrainConfig config, String command) {
        if (Files.isRegularFile(dir.resolve("run.json"))) {
            RunRecord r = RunDirectory.open(dir).readRun();
            if (r.ended()) {
                return r;
            }
        }
        if (Files.isRegularFile(dir.resolve("checkpoint.safetensors"))) {
            int onDisk = RunDirectory.open(dir).readConfig().threads();
            if (onDisk != config.threads()) {
                throw new GengeoException(dir + " was started with --threads " + onDisk + "; resume the sweep with the same --threads");
            }
            return Trainer.resume(dir, command, TrainingListener.NONE);
        }
        deleteTree(dir);
        return Trainer.train(config, dir, command, TrainingListener.NONE);
    }

    /** Removes a directory and everything in it (a run directory killed before its first checkpoint, a stale table). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
