package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training a batch-norm model: the running statistics move away from (0, 1), are saved in the model
 * file, and a crashed run resumes from its checkpoint to the same weights and statistics, bit for bit.
 */
class BatchNormTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void runningStatisticsAreTrainedSavedAndResumed() {
        TrainConfig config = TrainingRunsTest.small("sgd").with("model", "mlp:20-16-10:bn");
        Trainer.train(config, tmp.resolve("full"), "test", TrainingListener.NONE);
        Map<String, TensorData> w = TrainingRunsTest.weights(tmp.resolve("full"));
        double[] var = w.get("fc0_bn.running_var").toDoubleArray();
        double[] mean = w.get("fc0_bn.running_mean").toDoubleArray();
        assertEquals(16, var.length);
        assertTrue(java.util.Arrays.stream(var).allMatch(v -> v > 0 && v != 1), "running variances moved and stay positive");
        assertFalse(java.util.Arrays.stream(mean).allMatch(v -> v == 0), "running means moved");
        Path run = tmp.resolve("crashed");
        assertThrows(IllegalStateException.class, () -> Trainer.train(config, run, "test", new TrainingRunsTest.Crash(15, false)));
        assertEquals("completed", Trainer.resume(run, "test", TrainingListener.NONE).outcome());
        TrainingRunsTest.assertSameWeights(w, TrainingRunsTest.weights(run));
    }

    @Test
    void perExampleOptimiserIsRefused() {
        TrainConfig config = TrainingRunsTest.small("winsorized").with("model", "mlp:20-16-10:bn");
        GengeoException e = assertThrows(GengeoException.class, () -> Trainer.train(config, tmp.resolve("w"), "test", TrainingListener.NONE));
        assertTrue(e.getMessage().contains("batch norm"), e.getMessage());
    }
}
