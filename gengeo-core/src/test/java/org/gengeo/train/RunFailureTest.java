package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.ProcessLock;
import org.gengeo.core.model.NetworkFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run directory holds after the ways a run can fail: divergence, an I/O failure, a refused start, a second process. */
class RunFailureTest {
    @TempDir
    Path tmp;

    private static TrainConfig tiny() {
        return TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 64, "test-size", 32, "model", "mlp:20-8-10",
                "epochs", 2, "batch", 16, "threads", 1, "seed", 3));
    }

    @Test
    void aCheckpointIsKeptOnlyIfItsWeightsAndEvaluatedLossesAreFinite() throws Exception {
        // lr 1e8 blows the weights up within a step or two: evaluations logged every step must catch
        // non-finite losses even while the minibatch loss (computed before the update) is still finite
        Path run = tmp.resolve("div");
        RunRecord r = Trainer.train(tiny().with(Map.of("lr", 1e8, "log-every", 1, "momentum", 0.0)), run, "test",
                TrainingListener.NONE);
        assertEquals("diverged", r.outcome(), r.message());
        List<MetricsLine> lines = RunDirectory.open(run).readMetrics();
        assertFalse(lines.isEmpty());
        for (MetricsLine l : lines) {
            assertTrue(Double.isFinite(l.trainLoss()) && Double.isFinite(l.testLoss()), "logged a non-finite evaluation: " + l);
        }
        // the kept model and checkpoint load, which refuses non-finite weights, and match the last logged step
        NetworkFiles.load(run.resolve("model.safetensors")).close();
        NetworkFiles.load(run.resolve("checkpoint.safetensors")).close();
        assertEquals(lines.get(lines.size() - 1).step(), r.last().step());
        assertTrue(r.message().contains("keeps the last good weights, from step " + r.last().step()), r.message());
    }

    @Test
    void anIoFailureWhileCheckpointingMarksRunJsonFailedAndTheRunResumes() throws Exception {
        Path run = tmp.resolve("io");
        // after the first evaluation, a non-empty directory takes model.safetensors' place: the next save cannot replace it
        TrainingListener blocker = new TrainingListener() {
            @Override
            public void evaluated(MetricsLine line) {
                try {
                    if (line.step() == 0) {
                        Files.delete(run.resolve("model.safetensors"));
                        Files.createDirectories(run.resolve("model.safetensors").resolve("in-the-way"));
                    }
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        assertThrows(RuntimeException.class, () -> Trainer.train(tiny(), run, "test", blocker));
        RunRecord failed = RunDirectory.open(run).readRun();
        assertEquals(RunRecord.FAILED, failed.outcome());
        assertFalse(failed.ended());
        assertTrue(failed.message().contains("is a directory"), failed.message());
        assertTrue(failed.endTime() != null);
        // the cause removed, --resume finishes the run
        Files.delete(run.resolve("model.safetensors").resolve("in-the-way"));
        Files.delete(run.resolve("model.safetensors"));
        assertEquals("completed", Trainer.resume(run, "test", TrainingListener.NONE).outcome());
    }

    @Test
    void aResumeRemovesTheTemporaryFilesOfAWriteKilledMidway() throws Exception {
        Path run = tmp.resolve("tmpfiles");
        Trainer.train(tiny().with("epochs", 1), run, "test", TrainingListener.NONE);
        Path stale = Files.write(run.resolve(".checkpoint.safetensors.8150092271357286743.tmp"), new byte[1000]);
        Path mine = Files.write(run.resolve("notes.tmp"), new byte[1]);
        Trainer.resume(run, "test", TrainingListener.NONE);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(mine), "only the atomic writes' own temporary files are removed");
        assertFalse(Files.exists(run.resolve(RunDirectory.LOCK)), "the lock file goes when the run ends");
    }

    @Test
    void aRefusedTrainLeavesNoDirectoryItCreated() throws Exception {
        Path run = tmp.resolve("refused");
        assertThrows(GengeoException.class, () -> Trainer.train(tiny().with("model", "mlp:784-8-10"), run, "test",
                TrainingListener.NONE));
        assertFalse(Files.exists(run));
        // a directory the user made beforehand stays
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        assertThrows(GengeoException.class, () -> Trainer.train(tiny().with("model", "mlp:784-8-10"), mine, "test",
                TrainingListener.NONE));
        assertTrue(Files.isDirectory(mine));
    }

    @Test
    void aSecondTrainOrResumeOnADirectoryAnotherProcessIsWritingRefuses() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("busy"));
        try (ProcessLock held = ProcessLock.tryLock(run.resolve(RunDirectory.LOCK), "held by the test")) {
            GengeoException e = assertThrows(GengeoException.class, () -> Trainer.train(tiny(), run, "test", TrainingListener.NONE));
            assertEquals(run + ": another gengeo train is writing this run directory", e.getMessage());
        }
        Trainer.train(tiny().with("epochs", 1), run, "test", TrainingListener.NONE);
        try (ProcessLock held = ProcessLock.tryLock(run.resolve(RunDirectory.LOCK), "held by the test")) {
            GengeoException e = assertThrows(GengeoException.class, () -> Trainer.resume(run, "test", TrainingListener.NONE));
            assertTrue(e.getMessage().endsWith("another gengeo train is writing this run directory"), e.getMessage());
        }
    }
}
