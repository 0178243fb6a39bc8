package org.gengeo.cli;

import static org.gengeo.cli.CliTest.assertOneLineError;
import static org.gengeo.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gengeo.core.io.Json;
import org.gengeo.measures.registry.Measure;
import org.gengeo.measures.registry.MeasureRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo measure}: the catalogue, a subset with a parameter, every measure, and the errors. */
class MeasureCommandTest {
    @TempDir
    Path tmp;

    @Test
    void listsMeasuresThenComputesThemIntoMeasuresJson() throws Exception {
        CliTest.Result list = run("measure", "--list");
        assertEquals(0, list.code(), list.err());
        for (Measure m : MeasureRegistry.ALL) {
            assertTrue(list.out().contains(m.name()), m.name());
        }
        assertTrue(list.out().contains("samples = 1000"), list.out());

        Path dir = tmp.resolve("run");
        assertEquals(0, run("train", "--data", "gaussians", "--train-size", "200", "--test-size", "100", "--model", "mlp:20-8-10",
                "--epochs", "2", "--threads", "1", "--out", dir.toString()).code());
        CliTest.Result some = run("measure", dir.toString(), "--only", "hessian-top,frobenius-norm", "--param", "hessian-top.samples=50",
                "--threads", "1");
        assertEquals(0, some.code(), some.err());
        JsonNode m = Json.MAPPER.readTree(dir.resolve("measures.json").toFile()).get("measures");
        assertEquals(50, m.get("hessian-top").get("parameters").get("samples").asInt());
        assertTrue(m.get("hessian-top").get("value").asDouble() > 0);
        assertTrue(m.get("frobenius-norm").get("provenance").get("command").asText().contains("--only"));

        Path json = tmp.resolve("all.json");
        CliTest.Result all = run("measure", dir.toString(), "--all", "--param", "hessian-trace.probes=10", "--param",
                "pacbayes-sharpness.draws=2", "--threads", "1", "--json", json.toString());
        assertEquals(0, all.code(), all.err());
        JsonNode every = Json.MAPPER.readTree(json.toFile()).get("measures");
        // every measure but the binary-only prior volume, which --all skips on this ten-class model (and says so)
        assertEquals(MeasureRegistry.ALL.size() - 1, every.size());
        assertFalse(every.has("log10-prior-volume"));
        assertTrue(all.out().contains("log10-prior-volume   skipped: needs a binary model"), all.out());
        assertOneLineError(run("measure", dir.toString(), "--only", "log10-prior-volume", "--threads", "1"), 2, "binary model");
        assertEquals(1000, every.get("hessian-top").get("parameters").get("samples").asInt(), "recomputed with the default");
        assertEquals(2, every.get("pacbayes-sharpness").get("parameters").get("draws").asInt());
    }

    @Test
    void badRequestsAreOneLineErrors() throws Exception {
        assertOneLineError(run("measure", tmp.toString(), "--only", "frobenius,hessian-top"), 2, "unknown measure 'frobenius'");
        assertOneLineError(run("measure", tmp.toString(), "--all", "--param", "hessian-top.sample=5"), 2,
                "has no parameter 'sample'");
        assertOneLineError(run("measure", tmp.toString(), "--all", "--param", "hessian-top=5"), 2, "MEASURE.KEY=VALUE");
        assertOneLineError(run("measure", tmp.toString()), 2, "--all or --only");
        Files.createDirectories(tmp.resolve("empty"));
        assertOneLineError(run("measure", tmp.resolve("empty").toString(), "--all", "--threads", "1"), 2, "not a run directory");
    }
}
