package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init-from}: a run that starts from another run's saved weights. */
class InitFromTest {
    @TempDir
    Path tmp;

    @Test
    void theSameDataGivesTheSameFirstEvaluationBitForBit() {
        TrainConfig pre = TrainingRunsTest.small("sgd").with("dropout", 0.0);
        RunRecord a = Trainer.train(pre, tmp.resolve("a"), "test", TrainingListener.NONE);
        Trainer.train(pre.with("init-from", tmp.resolve("a/model.safetensors").toString()).with("lr", 0.001), tmp.resolve("b"), "test",
                TrainingListener.NONE);
        Trainer.train(pre.with("lr", 0.001), tmp.resolve("fresh"), "test", TrainingListener.NONE);
        MetricsLine first = RunDirectory.open(tmp.resolve("b")).readMetrics().get(0);
        assertEquals(0, first.step());
        assertEquals(a.last().trainLoss(), first.trainLoss(), 0.0);
        assertEquals(a.last().testLoss(), first.testLoss(), 0.0);
        assertNotEquals(a.last().trainLoss(), RunDirectory.open(tmp.resolve("fresh")).readMetrics().get(0).trainLoss());
    }

    @Test
    void aModelOfAnotherArchitectureOrAMissingFileIsAOneLineError() {
        TrainConfig pre = TrainingRunsTest.small("sgd").with("dropout", 0.0);
        Trainer.train(pre, tmp.resolve("a"), "test", TrainingListener.NONE);
        GengeoException e = assertThrows(GengeoException.class, () -> Trainer.train(pre.with(java.util.Map.of("model", "mlp:20-8-10",
                "init-from", tmp.resolve("a/model.safetensors").toString())), tmp.resolve("b"), "test", TrainingListener.NONE));
        assertTrue(e.getMessage().contains("architecture mlp:20-16-10"), e.getMessage());
        GengeoException missing = assertThrows(GengeoException.class, () -> Trainer.train(pre.with("init-from",
                tmp.resolve("nope.safetensors").toString()), tmp.resolve("c"), "test", TrainingListener.NONE));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
