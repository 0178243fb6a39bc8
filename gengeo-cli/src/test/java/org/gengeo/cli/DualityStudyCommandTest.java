package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo study duality} on a tiny sweep: files, per-run results, and resuming without retraining. */
class DualityStudyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void sweepsAFactorAndResumes() throws Exception {
        Path out = tmp.resolve("study");
        String[] args = {"study", "duality", "--factor", "label-noise=0,0.2", "--seeds", "1", "--train-size", "80", "--epochs", "2",
            "--threads", "1", "--out", out.toString()};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("label-noise=0.2 seed 0"), r.out());
        JsonNode s = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        assertEquals(2, s.get("runs").size());
        assertEquals("attack", s.get("training_key").asText());
        assertTrue(s.get("provenance").get("command").asText().startsWith("gengeo study duality"));
        JsonNode noisy = new ObjectMapper().readTree(out.resolve("runs/0.2/seed-0/duality.json").toFile());
        assertEquals(20, noisy.get("excluded_train").asInt(), "80 clean images plus round(80 * 0.2 / 0.8) mislabelled ones");
        assertEquals(80, noisy.get("train_examples").asInt());
        for (JsonNode run : s.get("runs")) {
            assertEquals(run.get("covariance_terms").asDouble(), run.get("sharp_cov").asDouble() + run.get("flat_cov").asDouble(), 1e-12,
                    "sharp and flat parts add up to the covariance terms");
        }
        assertEquals(6, s.get("movements").size());
        String csv = Files.readString(out.resolve("study.csv"));
        assertEquals(3, csv.split("\n").length, csv);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<div class=\"plot\"") && html.contains("What the factor moved"));

        Path model = out.resolve("runs/0/seed-0/model.safetensors");
        Path analysis = out.resolve("runs/0/seed-0/duality.json");
        FileTime before = Files.getLastModifiedTime(model);
        FileTime analysed = Files.getLastModifiedTime(analysis);
        CliTest.Result again = CliTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.getLastModifiedTime(model), "a finished run is not trained again");
        assertEquals(analysed, Files.getLastModifiedTime(analysis), "nor analysed again with the same options");
        assertEquals(Files.readString(out.resolve("study.csv")), csv, "and gives the same rows");
        CliTest.Result otherLayer = CliTest.run("study", "duality", "--factor", "label-noise=0,0.2", "--seeds", "1", "--train-size", "80",
                "--epochs", "2", "--threads", "1", "--layer", "fc0", "--out", out.toString());
        assertEquals(0, otherLayer.code(), otherLayer.err());
        assertTrue(new ObjectMapper().readTree(analysis.toFile()).get("layer").asText().equals("fc0"), "another layer is analysed afresh");

        CliTest.assertOneLineError(CliTest.run("study", "duality", "--factor", "colour", "--threads", "1", "--out", out.toString()), 2,
                "unknown duality factor");
        CliTest.assertOneLineError(CliTest.run("study", "duality", "--factor", "batch=2.5", "--threads", "1", "--out", out.toString()), 2,
                "whole numbers");
    }

    @Test
    void decentralisedFactorTrainsBothTopologiesOnOneDataSet() throws Exception {
        Path out = tmp.resolve("decentralised");
        CliTest.Result r = CliTest.run("study", "duality", "--factor", "decentralised", "--seeds", "1", "--train-size", "96", "--epochs", "2",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ObjectMapper json = new ObjectMapper();
        assertEquals(2, json.readTree(out.resolve("study.json").toFile()).get("runs").size());
        JsonNode central = json.readTree(out.resolve("runs/0/seed-0/run.json").toFile());
        JsonNode ring = json.readTree(out.resolve("runs/1/seed-0/run.json").toFile());
        assertEquals("all-reduce", central.get("config").get("topology").asText());
        assertEquals("ring", ring.get("config").get("topology").asText());
        assertEquals(8, ring.get("config").get("learners").asInt());
        assertEquals(2, ring.get("steps").asInt(), "96 images at 8 learners x 12 per step: one step per epoch");
        assertEquals(central.get("data").get("train_hash"), ring.get("data").get("train_hash"), "every value sees one data set");
        assertEquals(central.get("data").get("test_hash"), ring.get("data").get("test_hash"));
    }
}
