package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo duality} end to end on a small trained run with mislabelled extra examples. */
class DualityCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheDecompositionAndItsPlots() throws Exception {
        Path run = tmp.resolve("run");
        CliTest.Result t = CliTest.run("train", "--data", "fashion-mnist-embedded", "--train-size", "300", "--test-size", "100",
                "--attack", "20", "--model", "mlp:784-12-10-10:nobias", "--epochs", "3", "--threads", "1", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        CliTest.Result r = CliTest.run("duality", run.toString(), "--threads", "1", "--json", tmp.resolve("d.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("identity: total"), r.out());
        JsonNode d = new ObjectMapper().readTree(run.resolve("duality.json").toFile());
        assertEquals(120, d.get("dimension").asInt());
        assertEquals("closed-form", d.get("hessian_method").asText());
        assertEquals(300, d.get("train_examples").asInt(), "the 20 attack points are left out");
        assertEquals(20, d.get("excluded_train").asInt());
        assertEquals(100, d.get("pairs").asInt() + d.get("skipped_pairs").asInt());
        double meanDl = d.get("mean_dl").asDouble();
        assertEquals(meanDl, d.get("identity").get("total").asDouble(), 1e-9 * (1 + Math.abs(meanDl)));
        assertEquals(120, d.get("directions").get("sigma_g").size());
        assertTrue(d.get("provenance").get("command").asText().startsWith("gengeo duality"));
        assertTrue(Files.exists(tmp.resolve("d.json")));
        String html = Files.readString(run.resolve("duality.html"));
        assertTrue(html.contains("<div class=\"plot\"") && html.contains("Cumulative decomposition"));

        CliTest.Result lanczos = CliTest.run("duality", run.toString(), "--hessian", "lanczos", "--top", "8", "--threads", "1",
                "--json", tmp.resolve("l.json").toString());
        assertEquals(0, lanczos.code(), lanczos.err());
        JsonNode l = new ObjectMapper().readTree(tmp.resolve("l.json").toFile());
        assertEquals(8, l.get("directions").get("h").size());
        assertEquals(d.get("directions").get("h").get(0).asDouble(), l.get("directions").get("h").get(0).asDouble(),
                1e-6 * d.get("directions").get("h").get(0).asDouble(), "Lanczos finds the dense top eigenvalue");
        assertEquals(meanDl, l.get("identity").get("total").asDouble(), 1e-9 * (1 + Math.abs(meanDl)), "top K plus remainder is exact");

        CliTest.assertOneLineError(CliTest.run("duality", run.toString(), "--layer", "fc7", "--threads", "1"), 2, "fc7");
        CliTest.assertOneLineError(CliTest.run("duality", run.toString(), "--pair-space", "pixels", "--threads", "1"), 2, "--pair-space");
        CliTest.assertOneLineError(CliTest.run("duality", run.toString(), "--augmented", "--threads", "1"), 2, "--augmented");
    }
}
