package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.gengeo.core.data.CifarFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Residual networks learn CIFAR-format data ({@link CifarFiles}: CIFAR-10's binary layout, classes told
 * apart by their mean colour under pixel noise; chance 10%). An accuracy check, not a timing.
 */
class ResidualLearningTest {
    @TempDir
    Path tmp;

    private double testAccuracy(String model, int perFile, int epochs) throws IOException {
        CifarFiles.cifar10(tmp, perFile, 200, 12);
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "cifar10", "data-dir", tmp.toString(), "model", model,
                "epochs", epochs, "batch", 50, "lr", 0.05, "weight-decay", 5e-4, "threads", 1));
        return Trainer.train(config, tmp.resolve("run"), "test", TrainingListener.NONE).last().testAcc();
    }

    @Test
    void narrowResNetLearnsCifarFormatData() throws IOException {
        double acc = testAccuracy("resnet8:w=4", 60, 8);
        assertTrue(acc >= 0.6, "test accuracy " + acc + " (chance 0.1)");
    }

    @Test
    @Tag("slow")
    void resNet20LearnsCifarFormatData() throws IOException {
        double acc = testAccuracy("resnet20", 100, 5);
        assertTrue(acc >= 0.6, "test accuracy " + acc + " (chance 0.1)");
    }
}
