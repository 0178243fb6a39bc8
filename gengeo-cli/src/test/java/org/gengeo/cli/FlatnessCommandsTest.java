package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo volume}, {@code sharpness} and {@code rescale} end to end on a small binary run with attack points. */
class FlatnessCommandsTest {
    @TempDir
    Path tmp;
    Path run;

    @BeforeEach
    void train() {
        run = tmp.resolve("run");
        CliTest.Result r = CliTest.run("train", "--data", "fashion-mnist-embedded", "--binary", "--train-size", "60",
                "--test-size", "40", "--attack", "10", "--model", "mlp:784-12-12-1", "--opt", "sgd", "--momentum", "0",
                "--lr", "0.05", "--batch", "16", "--epochs", "3", "--threads", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void volumeSharpnessAndRescaleWriteTheirFiles() throws Exception {
        ObjectMapper m = new ObjectMapper();
        CliTest.Result v = CliTest.run("volume", run.toString(), "--laplace", "--threads", "1");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("log10 P(f)"), v.out());
        JsonNode vol = m.readTree(run.resolve("volume.json").toFile());
        assertEquals(60, vol.get("train_points").asInt());
        assertEquals(40, vol.get("test_points").asInt());
        double log10 = vol.get("log10_p").asDouble();
        assertTrue(log10 < 0 && log10 > -100 * Math.log10(2), "log10 P(f) = " + log10);
        assertEquals(vol.get("log_p").asDouble() / Math.log(10), log10, 1e-9);
        assertTrue(vol.get("ep").get("converged").asBoolean());
        assertTrue(vol.get("laplace").get("log_z").asDouble() < vol.get("log_p").asDouble());

        CliTest.Result s = CliTest.run("sharpness", run.toString(), "--steps", "20", "--probes", "4", "--lanczos-steps", "30",
                "--threads", "1");
        assertEquals(0, s.code(), s.err());
        JsonNode sh = m.readTree(run.resolve("sharpness.json").toFile());
        assertEquals(70, sh.get("examples").asInt());
        assertTrue(sh.get("sharpness").asDouble() >= 0);
        assertTrue(sh.get("largest_box_ratio").asDouble() <= 1 + 1e-9);

        Path scaled = tmp.resolve("scaled");
        CliTest.Result r = CliTest.run("rescale", run.toString(), "--alpha", "5.9", "--layers", "fc0,fc1", "--out", scaled.toString(),
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode rec = m.readTree(scaled.resolve("rescale.json").toFile());
        assertTrue(rec.get("train").get("relative_difference").asDouble() < 1e-5, rec.toString());
        assertTrue(Files.isRegularFile(scaled.resolve("config.json")));
        CliTest.Result v2 = CliTest.run("volume", scaled.toString(), "--threads", "1");
        assertEquals(0, v2.code(), v2.err());
        JsonNode vol2 = m.readTree(scaled.resolve("volume.json").toFile());
        assertEquals(log10, vol2.get("log10_p").asDouble(), 1e-9, "P(f) is a property of the function, not the parameters");
        CliTest.Result s2 = CliTest.run("sharpness", scaled.toString(), "--steps", "20", "--probes", "4", "--lanczos-steps", "30",
                "--threads", "1");
        assertEquals(0, s2.code(), s2.err());
        JsonNode sh2 = m.readTree(scaled.resolve("sharpness.json").toFile());
        assertTrue(sh2.get("top_eigenvalue").asDouble() > sh.get("top_eigenvalue").asDouble(), sh2 + " vs " + sh);
    }

    @Test
    void userMistakesAreOneLineErrors() {
        CliTest.Result r = CliTest.run("rescale", run.toString(), "--alpha", "2", "--layers", "fc0,fc2", "--out",
                tmp.resolve("x").toString(), "--threads", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("consecutive"), r.err());
        CliTest.Result k = CliTest.run("volume", run.toString(), "--kernel", "magic", "--threads", "1");
        assertEquals(2, k.code());
        assertTrue(k.err().contains("--kernel"), k.err());
    }
}
