package org.gengeo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.ProcessLock;

/**
 * The files of one run: {@code config.json} (flags), {@code model.safetensors} (the latest good
 * weights), {@code checkpoint.safetensors} (weights, optimiser state and position, for
 * {@code --resume}), {@code metrics.jsonl} (one line per evaluation), {@code data.json} (facts about
 * the data transformations, such as the corrupted indices) and {@code run.json} (provenance and
 * outcome). Every file but the append-only metrics log is replaced atomically.
 *
 * <p>The run directory owns the names and types of its files: each is an {@link Artifact}, those of
 * training below, those the analyses add ({@code hessian.json}, {@code margins.json}, ...) in
 * {@code org.gengeo.analysis.RunArtifacts}; {@link #path}, {@link #read} and {@link #write} take one,
 * so no other code spells a file name.
 */
public final class RunDirectory implements AutoCloseable {
    /** The flags of the run. */
    public static final Artifact<Void> CONFIG = Artifact.file("config.json", "the run's settings (read by readConfig)");
    /** The latest good weights. */
    public static final Artifact<Void> MODEL = Artifact.file("model.safetensors", "the latest good weights");
    /** An imported or trained TorchScript module. */
    public static final Artifact<Void> MODULE = Artifact.file("model.pt", "a TorchScript module with its current weights and buffers");
    /** A TorchScript module at its last checkpoint. */
    public static final Artifact<Void> CHECKPOINT_MODULE = Artifact.file("checkpoint.pt", "the TorchScript module at its last checkpoint");
    /** What an import brought in. */
    public static final Artifact<Void> IMPORT = Artifact.file("import.json", "source files, hashes and name mapping of an import");
    /** Weights, optimiser state and position, for --resume. */
    public static final Artifact<Void> CHECKPOINT = Artifact.file("checkpoint.safetensors", "weights, optimiser state and position");
    /** One line per evaluation. */
    public static final Artifact<Void> METRICS = Artifact.file("metrics.jsonl", "one line per evaluation (read by readMetrics)");
    /** Provenance and outcome. */
    public static final Artifact<RunRecord> RUN = Artifact.record("run.json", RunRecord.class, "provenance and outcome of training");
    /** Per-example learning times. */
    public static final Artifact<LearningTimes.Times> LEARNING_TIMES = Artifact.record("learning-times.json", LearningTimes.Times.class,
            "per-example learning times (--learning-times)");
    /** Facts about the data transformations. */
    public static final Artifact<Void> DATA = Artifact.file("data.json", "facts about the data transformations, such as corrupted indices");
    /** The files of training, in the order above. */
    public static final List<Artifact<?>> TRAINING = java.util.List.of(CONFIG, MODEL, MODULE, CHECKPOINT_MODULE, IMPORT, CHECKPOINT,
            METRICS, RUN, LEARNING_TIMES, DATA);

    /** The lock a training process holds on its run directory (see {@link ProcessLock}). */
    static final String LOCK = "train.lock";

    private final Path root;
    /** Held while this process trains into the directory; null for a directory opened for reading. */
    private final ProcessLock lock;
    /** Whether {@link #create} made the directory (so a failure before anything is written removes it). */
    private final boolean created;

    private RunDirectory(Path root, ProcessLock lock, boolean created) {
        this.root = root;
        this.lock = lock;
        this.created = created;
    }

    /**
     * A new run directory, locked by this process until {@link #close}; refuses one that already
     * holds a run, and one another {@code gengeo train} is writing (its lock is held).
     */
    public static RunDirectory create(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new GengeoException(root + " exists and is not a directory");
        }
        boolean created = !Files.exists(root);
        AtomicFiles.createDirectories(root);
        RunDirectory dir = new RunDirectory(root, lock(root), created);
        if (Files.exists(root.resolve(CONFIG.file()))) {
            dir.close();
            throw new GengeoException(root + " already holds a run (config.json exists); use --resume " + root + " or another --out");
        }
        return dir;
    }

    /**
     * An existing run directory to continue training in, locked by this process until
     * {@link #close}; the temporary files of writes a killed process left behind are removed.
     */
    public static RunDirectory resume(Path root) {
        open(root);
        RunDirectory dir = new RunDirectory(root, lock(root), false);
        AtomicFiles.removeLeftovers(root);
        return dir;
    }

    private static ProcessLock lock(Path root) {
        return ProcessLock.tryLock(root.resolve(LOCK), root + ": another gengeo train is writing this run directory");
    }

    /** An existing run directory (it must hold config.json), for reading. */
    public static RunDirectory open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new GengeoException(root + ": no such run directory");
        }
        if (!Files.isRegularFile(root.resolve(CONFIG.file()))) {
            throw new GengeoException(root + ": not a run directory (no config.json)");
        }
        return new RunDirectory(root, null, false);
    }

    /** Releases this process's lock, if it holds one, and removes the lock file. */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
            try {
                Files.deleteIfExists(root.resolve(LOCK));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + root.resolve(LOCK) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * After a failure: releases the lock and, if {@link #create} made the directory and nothing
     * was written into it, removes it, so a refused {@code train} leaves no empty {@code --out}.
     */
    public void abandon() {
        close();
        if (created) {
            try (var files = Files.list(root)) {
                if (files.findAny().isEmpty()) {
                    Files.delete(root);
                }
            } catch (IOException e) {
                // best effort: an empty directory left behind is harmless
            }
        }
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return path(CONFIG);
    }

    public Path model() {
        return path(MODEL);
    }

    /** An imported or trained TorchScript module ({@code model.pt}), with its current weights and buffers. */
    public Path module() {
        return path(MODULE);
    }

    /** The TorchScript module of a {@code model-file} run at its last checkpoint ({@code checkpoint.pt}). */
    public Path checkpointModule() {
        return path(CHECKPOINT_MODULE);
    }

    /** What an import brought in: source files, hashes, name mapping ({@code import.json}). */
    public Path importRecord() {
        return path(IMPORT);
    }

    public Path checkpoint() {
        return path(CHECKPOINT);
    }

    public Path metrics() {
        return path(METRICS);
    }

    public Path run() {
        return path(RUN);
    }

    /** Per-example learning times ({@code --learning-times}). */
    public Path learningTimes() {
        return path(LEARNING_TIMES);
    }

    public Path data() {
        return path(DATA);
    }

    /**
     * Reads config.json; keys it lacks take {@code gengeo train}'s defaults (see
     * {@link TrainConfig#fromPartial}), so an imported or hand-written run needs only what it knows.
     */
    @SuppressWarnings("unchecked")
    public TrainConfig readConfig() {
        Map<String, Object> values = Json.read(config(), Map.class);
        try {
            return TrainConfig.fromPartial(values);
        } catch (GengeoException e) {
            throw new GengeoException(config() + ": " + e.getMessage());
        }
    }

    /** Reads run.json. */
    public RunRecord readRun() {
        return read(RUN);
    }

    /** Where {@code artifact} lives in this directory. */
    public Path path(Artifact<?> artifact) {
        return root.resolve(artifact.file());
    }

    /** Whether this directory holds {@code artifact}. */
    public boolean has(Artifact<?> artifact) {
        return Files.isRegularFile(path(artifact));
    }

    /** Reads the record {@code artifact} as its type; a missing or malformed file is a one-line error naming it. */
    public <T> T read(Artifact<T> artifact) {
        if (!artifact.isRecord()) {
            throw new IllegalArgumentException(artifact.file() + " is not a JSON record");
        }
        return Json.read(path(artifact), artifact.type());
    }

    /** Writes {@code value} as the record {@code artifact}, atomically. */
    public <T> void write(Artifact<T> artifact, T value) {
        if (!artifact.isRecord()) {
            throw new IllegalArgumentException(artifact.file() + " is not a JSON record");
        }
        Json.write(path(artifact), value);
    }

    /** Appends one line to metrics.jsonl and forces it to disk. */
    public void appendMetrics(MetricsLine line) {
        try {
            Files.writeString(metrics(), line.toJsonLine() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + metrics(), e);
        }
    }

    /** The complete lines of metrics.jsonl (a partial last line from a killed process is skipped). */
    public List<MetricsLine> readMetrics() {
        List<MetricsLine> out = new ArrayList<>();
        if (!Files.exists(metrics())) {
            return out;
        }
        try {
            String text = Files.readString(metrics(), StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                boolean complete = i < lines.length - 1;
                if (complete && !lines[i].isBlank()) {
                    out.add(MetricsLine.parse(lines[i], metrics() + " line " + (i + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics(), e);
        }
        return out;
    }

    /** Rewrites metrics.jsonl atomically keeping only lines with step at most {@code maxStep}. */
    public void truncateMetrics(long maxStep) {
        StringBuilder kept = new StringBuilder();
        for (MetricsLine l : readMetrics()) {
            if (l.step() <= maxStep) {
                kept.append(l.toJsonLine()).append('\n');
            }
        }
        AtomicFiles.writeString(metrics(), kept.toString());
    }
}
