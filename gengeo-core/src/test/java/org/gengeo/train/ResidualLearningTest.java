package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Residual networks learn CIFAR-format data: files in CIFAR-10's binary layout whose classes are ten
 * fixed random low-frequency colour patterns (70%) under uniform pixel noise (30%) (chance 10%). An accuracy check,
 * not a timing.
 */
class ResidualLearningTest {
    @TempDir
    Path tmp;

    /** Writes data_batch_1..5.bin (perFile records each) and test_batch.bin (test records). */
    static void writeCifarLike(Path dir, int perFile, int test) throws IOException {
        Random templates = new Random(11);
        double[][] pattern = new double[10][3 * 32 * 32];
        for (int c = 0; c < 10; c++) {
            double[][] coarse = new double[3][16];
            for (int ch = 0; ch < 3; ch++) {
                for (int k = 0; k < 16; k++) {
                    coarse[ch][k] = templates.nextDouble();
                }
            }
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < 32; i++) {
                    for (int j = 0; j < 32; j++) {
                        pattern[c][ch * 1024 + i * 32 + j] = coarse[ch][(i / 8) * 4 + j / 8];
                    }
                }
            }
        }
        Random noise = new Random(12);
        for (int f = 1; f <= 6; f++) {
            int n = f == 6 ? test : perFile;
            byte[] bytes = new byte[n * 3073];
            for (int r = 0; r < n; r++) {
                int label = noise.nextInt(10);
                bytes[r * 3073] = (byte) label;
                for (int p = 0; p < 3072; p++) {
                    double v = 0.7 * pattern[label][p] + 0.3 * noise.nextDouble();
                    bytes[r * 3073 + 1 + p] = (byte) Math.round(255 * v);
                }
            }
            Files.write(dir.resolve(f == 6 ? "test_batch.bin" : "data_batch_" + f + ".bin"), bytes);
        }
    }

    private double testAccuracy(String model, int perFile, int epochs) throws IOException {
        writeCifarLike(tmp, perFile, 200);
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
