package org.gengeo.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gengeo.core.GengeoException;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;

/**
 * The training runs of a study, each in its own run directory, so that a study that is stopped and
 * started again trains nothing twice: a finished run is reused, an interrupted one resumes from its
 * checkpoint (to the same result, as {@code gengeo train --resume} does), and a directory left before
 * the first checkpoint is started afresh. A directory that holds a different config is an error,
 * never silently overwritten.
 */
public final class StudyRuns {
    private StudyRuns() {}

    /** The run of {@code config} in {@code dir}: reused, resumed or trained. */
    public static RunRecord ensure(Path dir, TrainConfig config, String command, TrainingListener listener) {
        Path record = dir.resolve("run.json");
        if (Files.isRegularFile(record)) {
            RunRecord done = RunDirectory.open(dir).readRun();
            if (!done.config().equals(config.with("threads", done.config().threads()))) {
                throw new GengeoException(dir + " holds a run with a different config; use another --out or remove it");
            }
            if (done.ended()) {
                return done;
            }
            if (Files.isRegularFile(dir.resolve("checkpoint.safetensors"))) {
                return Trainer.resume(dir, command, listener);
            }
        }
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        return Trainer.train(config, dir, command, listener);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished run " + dir + ": " + e.getMessage(), e);
        }
    }
}
