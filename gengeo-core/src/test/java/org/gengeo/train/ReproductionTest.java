package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gengeo.core.data.DataSources;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow reproduction checks (run with -Pslow): accuracies a PyTorch user would expect on real data.
 * Fashion-MNIST benchmark numbers for an MLP of this size are 87-89% (Xiao et al. 2017, Table 3).
 */
@Tag("slow")
class ReproductionTest {
    @TempDir
    Path tmp;

    @Test
    void mlpOnFullFashionMnistReachesEightySixPercent() {
        assumeTrue(Files.isDirectory(Path.of(DataSources.DEBIAN_FASHION_MNIST)), "dataset-fashion-mnist not installed");
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "fashion-mnist", "epochs", 5, "threads", 1));
        RunRecord r = Trainer.train(config, tmp.resolve("full"), "test", TrainingListener.NONE);
        assertTrue(r.last().testAcc() >= 0.86, "test accuracy " + r.last().testAcc());
    }

    @Test
    void cnnLearnsTheEmbeddedSubset() {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "fashion-mnist-embedded",
                "model", "cnn:1x28x28-c8k5p2-m2-c16k5p2-m2-64-10", "epochs", 8, "threads", 1));
        RunRecord r = Trainer.train(config, tmp.resolve("cnn"), "test", TrainingListener.NONE);
        assertTrue(r.last().testAcc() >= 0.80, "test accuracy " + r.last().testAcc());
    }
}
