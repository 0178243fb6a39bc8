package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gengeo.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gengeo study coherence end to end on a small synthetic problem: every output, consistency of its numbers, and rerunning. */
class CoherenceStudyCommandTest {
    @TempDir
    Path tmp;

    static List<String[]> csv(Path file) throws Exception {
        return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void writesEveryExperimentConsistentlyAndReusesFinishedRuns() throws Exception {
        Path out = tmp.resolve("study");
        String[] args = {"study", "coherence", "--out", out.toString(), "--data", "gaussians", "--train-size", "200", "--test-size", "100",
            "--model", "mlp:20-16-16-10", "--epochs", "3", "--threads", "1"};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(out.resolve("coherence-study.json").toFile());
        assertTrue(json.get("provenance").get("command").asText().startsWith("gengeo study coherence --out"));
        assertEquals(List.of("real-vs-random", "noise-winsor", "median-of-three", "pristine-corrupt", "easy-first"),
                iterable(json.get("experiments").fieldNames()));
        for (JsonNode e : json.get("experiments")) {
            assertFalse(e.get("effects").get("0").isEmpty());
        }
        JsonNode findings = Json.MAPPER.readTree(out.resolve("findings.json").toFile()).get("findings");
        assertEquals(12, findings.size());
        for (JsonNode f : findings) {
            assertEquals(1, f.get("seeds").asInt());
            assertTrue(f.get("ci").isNull());
            assertTrue(List.of("partly", "not reproduced").contains(f.get("verdict").asText()), "one seed: at most partly " + f);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertEquals(5, html.split("<h2", -1).length - 1);
        assertTrue(html.split("<div class=\"plot\"", -1).length - 1 >= 14, "figures");
        assertTrue(r.out().contains("report: "), r.out());

        // the pristine and corrupt shares of the step add up to 1 at every logged step
        for (String[] row : csv(out.resolve("pristine-corrupt.csv"))) {
            assertEquals(1, Double.parseDouble(row[4]) + Double.parseDouble(row[5]), 1e-9);
        }
        // noise 0: no noisy part, pristine accuracy = training accuracy; 100% (random labels): noisy part = everything
        for (String[] row : csv(out.resolve("noise-winsor.csv"))) {
            double noise = Double.parseDouble(row[0]);
            double train = Double.parseDouble(row[2]);
            if (noise == 0) {
                assertEquals("NaN", row[4]);
                assertEquals(train, Double.parseDouble(row[5]), 1e-12);
            } else if (noise == 1) {
                assertEquals(train, Double.parseDouble(row[4]), 1e-12);
            }
        }
        assertEquals(20, csv(out.resolve("noise-winsor.csv")).size());
        assertEquals(200, csv(out.resolve("easy-first.csv")).size());

        // a second invocation reuses every finished run: no model is written again, the same table comes out
        String table = Files.readString(out.resolve("noise-winsor.csv"));
        Path model = out.resolve("runs/noise-winsor/noise20-c4/model.safetensors");
        var written = Files.getLastModifiedTime(model);
        CliTest.Result again = CliTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(written, Files.getLastModifiedTime(model));
        assertEquals(table, Files.readString(out.resolve("noise-winsor.csv")));

        // more seeds train only the new runs, and the findings get an interval over the seeds
        Path real = out.resolve("runs/real-vs-random/real/model.safetensors");
        var realWritten = Files.getLastModifiedTime(real);
        String[] twoSeeds = java.util.Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--seeds", "2", "--experiments", "real-vs-random"}, 0, twoSeeds, args.length, 4);
        CliTest.Result more = CliTest.run(twoSeeds);
        assertEquals(0, more.code(), more.err());
        assertEquals(realWritten, Files.getLastModifiedTime(real));
        assertTrue(Files.isRegularFile(out.resolve("runs/real-vs-random/real-seed1/model.safetensors")));
        JsonNode two = Json.MAPPER.readTree(out.resolve("findings.json").toFile()).get("findings");
        assertEquals(3, two.size());
        for (JsonNode f : two) {
            assertEquals(2, f.get("seeds").asInt());
            assertEquals("2 seeds", f.get("unit").asText());
            assertTrue(f.get("ci").get(0).asDouble() <= f.get("measured").asDouble()
                    && f.get("measured").asDouble() <= f.get("ci").get(1).asDouble(), f.toString());
        }
    }

    @Test
    void badOptionsAreOneLineErrors() {
        CliTest.assertOneLineError(CliTest.run("study", "coherence", "--out", tmp.resolve("x").toString(), "--preset", "huge"), 2, "unknown preset");
        CliTest.assertOneLineError(CliTest.run("study", "coherence", "--out", tmp.resolve("y").toString(), "--experiments", "nope",
                "--data", "gaussians", "--model", "mlp:20-8-10"), 2, "unknown experiment 'nope'");
        assertFalse(Files.exists(tmp.resolve("y").resolve("runs")));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
