package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo hessian} end to end on a small trained run. */
class HessianCommandTest {
    @TempDir
    Path tmp;
    Path run;

    @BeforeEach
    void train() {
        run = tmp.resolve("run");
        CliTest.Result r = CliTest.run("train", "--data", "spirals", "--train-size", "100", "--test-size", "50", "--model", "mlp:2-6-2",
                "--activation", "tanh", "--dtype", "float64", "--epochs", "3", "--threads", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void lanczosAgreesWithTheDenseSpectrumAndWritesItsFiles() throws Exception {
        CliTest.Result dense = CliTest.run("hessian", run.toString(), "--method", "dense", "--top", "3", "--bottom", "2", "--trace",
                "--threads", "1", "--json", tmp.resolve("dense.json").toString());
        assertEquals(0, dense.code(), dense.err());
        CliTest.Result lanczos = CliTest.run("hessian", run.toString(), "--top", "3", "--bottom", "2", "--trace", "--density",
                "--tol", "1e-10", "--threads", "1");
        assertEquals(0, lanczos.code(), lanczos.err());
        assertTrue(lanczos.out().contains("lambda_1"), lanczos.out());
        ObjectMapper m = new ObjectMapper();
        JsonNode d = m.readTree(tmp.resolve("dense.json").toFile());
        JsonNode l = m.readTree(run.resolve("hessian.json").toFile());
        assertEquals(32, d.get("dimension").asInt());
        assertEquals(32, d.get("spectrum").size());
        for (int i = 0; i < 3; i++) {
            assertEquals(d.get("top").get(i).asDouble(), l.get("top").get(i).asDouble(), 1e-8 * Math.abs(d.get("top").get(0).asDouble()));
        }
        double exactTrace = d.get("trace").get("value").asDouble();
        JsonNode t = l.get("trace");
        assertTrue(Math.abs(t.get("value").asDouble() - exactTrace) <= 3 * t.get("standard_error").asDouble() + 1e-12,
                "Hutchinson " + t + " vs exact " + exactTrace);
        assertTrue(l.get("density").get("grid").size() > 100);
        assertTrue(l.get("provenance").get("command").asText().startsWith("gengeo hessian"));
        SafetensorsFile vectors = Safetensors.read(run.resolve("hessian-eigenvectors.safetensors"));
        assertArrayEquals(new long[] {5, 6, 2}, vectors.tensors().get("fc0.weight").shape());
        assertTrue(vectors.metadata().get("gengeo.eigenvalues").startsWith("["));
        String html = Files.readString(run.resolve("hessian.html"));
        assertTrue(html.contains("<div class=\"plot\"") && html.contains("lambda_1"));
    }

    @Test
    void landscapeWritesJsonAndPlots() throws Exception {
        CliTest.Result r = CliTest.run("landscape", run.toString(), "--dirs", "eigen", "--2d", "--points", "5", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode l = new ObjectMapper().readTree(run.resolve("landscape.json").toFile());
        assertEquals(5, l.get("train_loss").size());
        assertEquals(5, l.get("train_loss").get(0).size());
        String html = Files.readString(run.resolve("landscape.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<div class=\"plot\""), html.substring(0, 200));
        assertTrue(Files.exists(run.resolve("hessian-eigenvectors.safetensors")), "eigen directions computed and saved");
        CliTest.assertOneLineError(CliTest.run("landscape", run.toString(), "--dirs", "sideways", "--threads", "1"), 2, "--dirs");
        CliTest.assertOneLineError(CliTest.run("landscape", run.toString(), "--points", "1", "--threads", "1"), 2, "--points");
    }

    @Test
    void coherenceWritesPerLayerValues() throws Exception {
        CliTest.Result r = CliTest.run("coherence", run.toString(), "--sample", "60", "--chunk", "25", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode c = new ObjectMapper().readTree(run.resolve("coherence.json").toFile()).get("coherence");
        assertEquals(60, c.get("examples").asInt());
        double m = c.get("total").get("m_coherence").asDouble();
        assertTrue(m >= 1 - 1e-9 && m <= 60, "m-coherence " + m);
        assertEquals(2, c.get("layers").size());
        CliTest.assertOneLineError(CliTest.run("coherence", run.toString(), "--on", "valid", "--threads", "1"), 2, "--on");
    }

    @Test
    void blockAndGgnAndBadOptions() throws Exception {
        CliTest.Result block = CliTest.run("hessian", run.toString(), "--block", "fc1.weight,fc1.bias", "--operator", "ggn",
                "--method", "dense", "--top", "2", "--threads", "1");
        assertEquals(0, block.code(), block.err());
        JsonNode b = new ObjectMapper().readTree(run.resolve("hessian.json").toFile());
        assertEquals(14, b.get("dimension").asInt());
        assertEquals("ggn", b.get("operator").asText());
        CliTest.assertOneLineError(CliTest.run("hessian", run.toString(), "--block", "fc9.weight", "--threads", "1"), 2, "no parameter 'fc9.weight'");
        CliTest.assertOneLineError(CliTest.run("hessian", run.toString(), "--method", "qr", "--threads", "1"), 2, "--method");
        CliTest.assertOneLineError(CliTest.run("hessian", run.toString(), "--method", "power", "--bottom", "2", "--threads", "1"), 2, "--bottom");
        CliTest.assertOneLineError(CliTest.run("hessian", tmp.resolve("nope").toString(), "--threads", "1"), 2, "no such run directory");
        assertTrue(Files.exists(run.resolve("hessian.json")));
    }
}
