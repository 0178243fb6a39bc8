package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo study flatness} on a toy scale: files, rows, invariance under rescaling, and resuming. */
class FlatnessStudyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesJsonCsvAndPageAndResumesFromSavedRows() throws Exception {
        Path out = tmp.resolve("study");
        String[] args = {"study", "flatness", "--out", out.toString(), "--train-size", "30", "--test-size", "40", "--attacks", "0,10",
            "--seeds", "1", "--optimisers", "adam", "--max-epochs", "40", "--threads", "1"};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("reproduced     flatness   alpha-scaling leaves the function, and so P(f), unchanged"), r.out());
        JsonNode findings = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
        assertEquals("flatness", findings.get("study").asText());
        assertTrue(findings.get("findings").get(0).get("setting").asText().contains("on S (authors' code: S)"));
        JsonNode j = new ObjectMapper().readTree(out.resolve("flatness.json").toFile());
        assertEquals(2, j.get("rows").size());
        for (JsonNode row : j.get("rows")) {
            assertEquals(row.get("log10_p").asDouble(), row.get("scaled_log10_p").asDouble(), 1e-9);
            assertTrue(row.get("log10_p").asDouble() < 0);
            assertTrue(row.get("top_eigenvalue_scaled").asDouble() > row.get("top_eigenvalue").asDouble());
            double acc = row.get("held_out_test_acc").asDouble();
            assertTrue(acc >= 0 && acc <= 1, row.toString());
            // P(f) on S u E' marginalises the labels of E \ E' out of P(f) on S u E, so it is at least as large
            assertTrue(row.get("held_out_log10_p").asDouble() > row.get("log10_p").asDouble(), row.toString());
        }
        assertEquals(3, Files.readAllLines(out.resolve("flatness.csv")).size());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<div class=\"plot\"") && html.contains("Kendall"));
        long before = Files.getLastModifiedTime(out.resolve("runs/adam-a0-s0/model.safetensors")).toMillis();
        CliTest.Result again = CliTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("runs/adam-a0-s0/model.safetensors")).toMillis());
        JsonNode k = new ObjectMapper().readTree(out.resolve("flatness.json").toFile());
        assertEquals(j.get("rows"), k.get("rows"));
        assertEquals(findings.get("findings"), new ObjectMapper().readTree(out.resolve("findings.json").toFile()).get("findings"),
                "same networks, same intervals");
        String[] onTrainingSet = java.util.Arrays.copyOf(args, args.length + 2);
        onTrainingSet[args.length] = "--measure-on";
        onTrainingSet[args.length + 1] = "S+A";
        CliTest.Result variant = CliTest.run(onTrainingSet);
        assertEquals(0, variant.code(), variant.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("runs/adam-a0-s0/model.safetensors")).toMillis(), "training reused");
        JsonNode v = new ObjectMapper().readTree(out.resolve("flatness.json").toFile());
        assertEquals("S+A", v.get("rows").get(1).get("measured_on").asText());
        assertTrue(v.get("rows").get(1).get("sharpness").asDouble() != k.get("rows").get(1).get("sharpness").asDouble(),
                "remeasured on the 40 points of S u A instead of the 30 of S");
        assertEquals("S", k.get("rows").get(1).get("stopped_on").asText(), "the authors' rule: 100% on S");
        assertEquals("S+A", k.get("rows").get(0).get("stopped_on").asText(), "without an attack set S u A is S");
        assertTrue(Files.readString(out.resolve("runs/adam-a10-s0/config.json")).contains("\"until-without-attack\" : true"));
        assertTrue(findings.get("findings").get(0).get("setting").asText().contains("trained to 100% accuracy on S (authors' code: S)"));
        String[] stopOnAll = java.util.Arrays.copyOf(args, args.length + 2);
        stopOnAll[args.length] = "--stop-on";
        stopOnAll[args.length + 1] = "S+A";
        CliTest.Result all = CliTest.run(stopOnAll);
        assertEquals(0, all.code(), all.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("runs/adam-a0-s0/model.safetensors")).toMillis(),
                "the network without attack points stops by either rule and is reused");
        JsonNode w = new ObjectMapper().readTree(out.resolve("flatness.json").toFile());
        assertEquals("S+A", w.get("rows").get(1).get("stopped_on").asText());
        assertTrue(!Files.readString(out.resolve("runs/adam-a10-s0/config.json")).contains("until-without-attack"), "retrained");
    }
}
