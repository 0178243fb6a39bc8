package org.gengeo.analysis;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.gengeo.core.Progress;
import org.gengeo.core.Provenance;
import org.gengeo.core.tensor.Precision;
import org.gengeo.train.Artifact;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;

/**
 * One analysis of a saved run, in the one shape every per-run command shares: a loaded run and
 * options in, an outcome out whose typed record (with a {@link Provenance} that names the model and
 * the data by their hashes) is written as the analysis's {@link Artifact}. {@link RunAnalyses} holds
 * one for each command; a command only binds its flags to the options.
 *
 * @param <O> the options
 * @param <T> what the computation returns (the record itself, or the record with data that goes to
 *            other files beside it)
 * @param <R> the record written to the artifact
 */
public final class Analysis<O, T, R> {
    /** The computation itself. */
    @FunctionalInterface
    public interface Body<O, T> {
        /**
         * Computes the outcome for {@code options} on {@code run}; the record names the run as
         * {@code run.dir().root()} and carries {@code provenance}.
         */
        T compute(LoadedRun run, O options, Provenance provenance, Progress progress);
    }

    private final Artifact<R> artifact;
    private final Function<O, Precision> precision;
    private final Body<O, T> body;
    private final Function<T, R> record;
    private final BiConsumer<RunDirectory, T> besides;

    private Analysis(Artifact<R> artifact, Function<O, Precision> precision, Body<O, T> body, Function<T, R> record,
                     BiConsumer<RunDirectory, T> besides) {
        if (!artifact.isRecord()) {
            throw new IllegalArgumentException(artifact.file() + " is not a JSON record");
        }
        this.artifact = artifact;
        this.precision = Objects.requireNonNull(precision);
        this.body = Objects.requireNonNull(body);
        this.record = Objects.requireNonNull(record);
        this.besides = Objects.requireNonNull(besides);
    }

    /**
     * An analysis whose outcome is its record.
     *
     * @param precision the precision the model is loaded in for given options (null: the model's own)
     */
    public static <O, R> Analysis<O, R, R> of(Artifact<R> artifact, Function<O, Precision> precision, Body<O, R> body) {
        return new Analysis<>(artifact, precision, body, Function.identity(), (dir, outcome) -> { });
    }

    /**
     * An analysis whose outcome holds its record ({@code record}) and data that {@code besides}
     * writes to other files of the run directory, before the record.
     */
    public static <O, T, R> Analysis<O, T, R> of(Artifact<R> artifact, Function<O, Precision> precision, Body<O, T> body,
                                                 Function<T, R> record, BiConsumer<RunDirectory, T> besides) {
        return new Analysis<>(artifact, precision, body, record, besides);
    }

    /** The record file this analysis writes. */
    public Artifact<R> artifact() {
        return artifact;
    }

    /** The record of {@code outcome}, as the artifact holds it. */
    public R record(T outcome) {
        return record.apply(outcome);
    }

    /**
     * Opens the run in {@code dir}, computes, closes the model and writes the outcome into the run
     * directory (see {@link #write}); returns the outcome.
     *
     * @param command the command line, for the provenance
     */
    public T run(Path dir, O options, String command, Progress progress) {
        RunDirectory run = RunDirectory.open(dir);
        T outcome;
        try (LoadedRun loaded = LoadedRun.open(run, precision.apply(options))) {
            outcome = compute(loaded, options, command, progress);
        }
        write(run, outcome);
        return outcome;
    }

    /** Computes on an already loaded run, without writing; the provenance names its model and data. */
    public T compute(LoadedRun run, O options, String command, Progress progress) {
        Provenance provenance = Provenance.current(command).withInputs(run.inputs());
        return body.compute(run, options, provenance, progress);
    }

    /** Writes {@code outcome} into {@code run}: the files beside the record, then the record. */
    public void write(RunDirectory run, T outcome) {
        besides.accept(run, outcome);
        run.write(artifact, record(outcome));
    }
}
