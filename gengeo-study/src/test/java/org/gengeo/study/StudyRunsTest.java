package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study's runs are trained once: reused when finished, resumed when interrupted, never overwritten with another config. */
class StudyRunsTest {
    @TempDir
    Path tmp;

    static TrainConfig config() {
        return TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 200, "test-size", 100, "model", "mlp:20-8-10",
                "epochs", 3, "threads", 1, "log-every", 5, "momentum", 0.0, "lr", 0.05));
    }

    static List<double[]> weights(Path run) {
        try (Network net = NetworkFiles.load(run.resolve("model.safetensors"))) {
            return net.parameterList().stream().map(Tensors::doubles).toList();
        }
    }

    @Test
    void aFinishedRunIsReusedAndAnotherConfigIsRefused() {
        Path dir = tmp.resolve("a");
        RunRecord first = StudyRuns.ensure(dir, config(), "test", TrainingListener.NONE);
        RunRecord again = StudyRuns.ensure(dir, config().with("threads", 2), "test", new TrainingListener() {
            @Override
            public void started(long fromStep, long plannedSteps) {
                throw new AssertionError("a finished run must not train again");
            }
        });
        assertEquals(first.endTime(), again.endTime());
        GengeoException e = assertThrows(GengeoException.class, () -> StudyRuns.ensure(dir, config().with("lr", 0.1), "test",
                TrainingListener.NONE));
        assertTrue(e.getMessage().contains("different config"), e.getMessage());
    }

    @Test
    void anInterruptedRunResumesToTheUninterruptedResult() {
        Path whole = tmp.resolve("whole");
        StudyRuns.ensure(whole, config(), "test", TrainingListener.NONE);
        Path cut = tmp.resolve("cut");
        assertThrows(IllegalStateException.class, () -> StudyRuns.ensure(cut, config(), "test", new TrainingListener() {
            @Override
            public void stepped(long step, double loss) {
                if (step == 7) {
                    throw new IllegalStateException("interrupted");
                }
            }
        }));
        assertEquals(RunRecord.FAILED, RunDirectory.open(cut).readRun().outcome(), "an exception marks run.json failed, and ensure resumes it");
        RunRecord resumed = StudyRuns.ensure(cut, config(), "test", TrainingListener.NONE);
        assertEquals("completed", resumed.outcome());
        List<double[]> a = weights(whole);
        List<double[]> b = weights(cut);
        for (int p = 0; p < a.size(); p++) {
            assertArrayEquals(a.get(p), b.get(p), 0, "parameter " + p);
        }
    }

    @Test
    void aDirectoryLeftBeforeTheFirstCheckpointStartsAfresh() throws Exception {
        Path dir = tmp.resolve("early");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{half-written");
        assertEquals("completed", StudyRuns.ensure(dir, config(), "test", TrainingListener.NONE).outcome());
    }
}
