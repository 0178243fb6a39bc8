package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data-seed} picks the data; {@code seed} keeps initialisation, batch order and dropout. */
class DataSeedTest {
    @TempDir
    Path tmp;

    private RunRecord train(TrainConfig c, String name) {
        return Trainer.train(c, tmp.resolve(name), "test", TrainingListener.NONE);
    }

    private static Object hashes(RunRecord r) {
        return r.data().get("train_hash") + "/" + r.data().get("test_hash");
    }

    @Test
    void dataSeedDefaultsToSeedAndSeparatesDataFromTheRest() {
        TrainConfig c = TrainingRunsTest.small("sgd").with(Map.of("label-noise", 0.2, "epochs", 1)); // seed 5
        RunRecord plain = train(c, "plain");
        RunRecord same = train(c.with("data-seed", 5L), "same");
        TrainingRunsTest.assertSameWeights(TrainingRunsTest.weights(tmp.resolve("plain")), TrainingRunsTest.weights(tmp.resolve("same")));
        assertFalse(plain.config().asMap().containsKey("data-seed"), "an unset data seed stays out of config.json");

        RunRecord otherInit = train(c.with(Map.of("seed", 6L, "data-seed", 5L)), "other-init");
        assertEquals(hashes(plain), hashes(otherInit), "same data seed, same data (labels and noise included)");
        assertFalse(Arrays.equals(TrainingRunsTest.weights(tmp.resolve("plain")).get("fc0.weight").data(),
                TrainingRunsTest.weights(tmp.resolve("other-init")).get("fc0.weight").data()));

        RunRecord otherData = train(c.with("data-seed", 6L), "other-data");
        RunRecord seedSix = train(c.with("seed", 6L), "seed-six");
        assertNotEquals(hashes(plain), hashes(otherData));
        assertEquals(hashes(seedSix), hashes(otherData), "data seed 6 gives the data of seed 6");
    }
}
