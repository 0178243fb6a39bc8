package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo margins} end to end on a small trained run. */
class MarginsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesPerExampleMarginsCurveAndSignature() throws Exception {
        Path run = tmp.resolve("run");
        CliTest.Result t = CliTest.run("train", "--data", "spirals", "--train-size", "100", "--test-size", "50", "--model", "mlp:2-8-8-2",
                "--dtype", "float64", "--epochs", "3", "--threads", "1", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        CliTest.Result r = CliTest.run("margins", run.toString(), "--signature-sample", "60", "--chunk", "25", "--threads", "1",
                "--json", tmp.resolve("m.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("normalised margin area"), r.out());
        List<String> csv = Files.readAllLines(run.resolve("margins.csv"));
        assertEquals("set,index,margin,normalised_margin", csv.get(0));
        assertEquals(1 + 100 + 50, csv.size());
        JsonNode j = new ObjectMapper().readTree(run.resolve("margins.json").toFile());
        double mean = 0;
        for (int i = 1; i <= 100; i++) {
            mean += Double.parseDouble(csv.get(i).split(",")[3]) / 100;
        }
        assertEquals(mean, j.get("train").get("area").asDouble(), 1e-12);
        assertEquals(100, j.get("train").get("examples").asInt());
        assertEquals(60, j.get("signature_examples").asInt());
        assertEquals(3, j.get("signature").get("layers").size());
        assertEquals(15, j.get("signature_log_features").size());
        assertTrue(j.get("provenance").get("command").asText().startsWith("gengeo margins"));
        assertEquals(j, new ObjectMapper().readTree(tmp.resolve("m.json").toFile()));
        assertTrue(Files.readString(run.resolve("margins.html")).contains("<div class=\"plot\""));
        CliTest.assertOneLineError(CliTest.run("margins", run.toString(), "--cdf-range", "1,0", "--threads", "1"), 2, "--cdf-range");
        assertTrue(j.get("batch_norm") == null || j.get("batch_norm").isNull(), "no batch-norm reading for a model without it");
    }

    /** A batch-norm model trains, and its margins under the two readings differ only by the norm product. */
    @Test
    void batchNormModelGivesBothReadings() throws Exception {
        Path run = tmp.resolve("bn");
        CliTest.Result t = CliTest.run("train", "--data", "spirals", "--train-size", "100", "--test-size", "50", "--model", "mlp:2-8-8-2:bn",
                "--dtype", "float64", "--batch", "16", "--epochs", "3", "--threads", "1", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        JsonNode[] readings = new JsonNode[2];
        String[] names = {"fold", "scale-invariant"};
        for (int k = 0; k < 2; k++) {
            CliTest.Result r = CliTest.run("margins", run.toString(), "--batch-norm", names[k], "--signature-sample", "40", "--threads", "1");
            assertEquals(0, r.code(), r.err());
            readings[k] = new ObjectMapper().readTree(run.resolve("margins.json").toFile());
            assertEquals(names[k], readings[k].get("batch_norm").asText());
            assertEquals(readings[k].get("log_norm_product_by_reading").get(names[k]).asDouble(), readings[k].get("log_norm_product").asDouble(), 0);
        }
        double ratio = Math.exp(readings[1].get("log_norm_product").asDouble() - readings[0].get("log_norm_product").asDouble());
        assertEquals(readings[0].get("train").get("area").asDouble(), readings[1].get("train").get("area").asDouble() * ratio, 1e-9);
        CliTest.assertOneLineError(CliTest.run("margins", run.toString(), "--batch-norm", "spectral", "--threads", "1"), 2, "batch-norm");
    }
}
