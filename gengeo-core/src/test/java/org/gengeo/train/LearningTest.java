package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default MLP learns Fashion-MNIST from the embedded subset (an accuracy check, not a timing). */
class LearningTest {
    @TempDir
    Path tmp;

    @Test
    void mlpReachesEightyPercentOnTheEmbeddedSubset() {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "fashion-mnist-embedded", "epochs", 20, "threads", 1));
        RunRecord r = Trainer.train(config, tmp.resolve("run"), "test", TrainingListener.NONE);
        assertTrue(r.last().testAcc() >= 0.80, "test accuracy " + r.last().testAcc());
        assertTrue(r.last().trainAcc() > r.last().testAcc() - 0.05, "train accuracy " + r.last().trainAcc());
    }
}
