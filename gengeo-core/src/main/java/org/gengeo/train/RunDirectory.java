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
 */
public final class RunDirectory implements AutoCloseable {
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
        if (Files.exists(root.resolve("config.json"))) {
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
        if (!Files.isRegularFile(root.resolve("config.json"))) {
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
        return root.resolve("config.json");
    }

    public Path model() {
        return root.resolve("model.safetensors");
    }

    /** An imported or trained TorchScript module ({@code model.pt}), with its current weights and buffers. */
    public Path module() {
        return root.resolve("model.pt");
    }

    /** The TorchScript module of a {@code model-file} run at its last checkpoint ({@code checkpoint.pt}). */
    public Path checkpointModule() {
        return root.resolve("checkpoint.pt");
    }

    /** What an import brought in: source files, hashes, name mapping ({@code import.json}). */
    public Path importRecord() {
        return root.resolve("import.json");
    }

    public Path checkpoint() {
        return root.resolve("checkpoint.safetensors");
    }

    public Path metrics() {
        return root.resolve("metrics.jsonl");
    }

    public Path run() {
        return root.resolve("run.json");
    }

    /** Per-example learning times ({@code --learning-times}). */
    public Path learningTimes() {
        return root.resolve("learning-times.json");
    }

    public Path data() {
        return root.resolve("data.json");
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
        return Json.read(run(), RunRecord.class);
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
