package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gengeo study flatness-temporal} on a toy scale: the three phases one after the other, the alpha-scaling
 * leaving the function and P(f) as they were, log10 P(f) at the fit against {@code gengeo volume} (which takes the true
 * labels on S: the same labels once S is fitted), resuming to the same numbers, and a bad option.
 */
class FlatnessTemporalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void measuresAlongThreePhasesAndResumesToTheSameNumbers() throws Exception {
        Path out = tmp.resolve("temporal");
        String[] args = {"study", "flatness-temporal", "--out", out.toString(), "--train-size", "30", "--test-size", "20", "--seeds", "2",
            "--max-epochs", "1000", "--post-epochs", "6", "--rescale-at", "3", "--measure-every", "2", "--threads", "1"};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("reproduced     flatness-temporal Alpha-scaling leaves log P(f) unchanged"), r.out());
        JsonNode j = JSON.readTree(out.resolve("temporal.json").toFile());
        assertEquals(2, j.get("fit_epochs").size(), "both seeds fit 30 images");
        for (int seed = 0; seed < 2; seed++) {
            int fitEpochs = j.get("fit_epochs").get(Integer.toString(seed)).asInt();
            List<JsonNode> mine = new ArrayList<>();
            j.get("points").forEach(p -> mine.add(p));
            final int s = seed;
            mine.removeIf(p -> p.get("seed").asInt() != s);
            int expected = 1 + fitEpochs / 2 + (fitEpochs % 2 == 0 ? 0 : 1) + 2 + 3;
            assertEquals(expected, mine.size(), "fit: start, even epochs, end; post: epoch 2 and its end; rescaled: start, 2, end");
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i).get("epoch").asInt() >= mine.get(i - 1).get("epoch").asInt());
                assertEquals(mine.get(i).get("epoch").asInt() - fitEpochs, mine.get(i).get("since_fit").asInt());
            }
            JsonNode fitted = mine.stream().filter(p -> p.get("since_fit").asInt() == 0).findFirst().orElseThrow();
            assertEquals("fit", fitted.get("phase").asText());
            assertEquals(1.0, fitted.get("train_acc").asDouble());
            JsonNode before = mine.stream().filter(p -> p.get("phase").asText().equals("post") && p.get("since_fit").asInt() == 3)
                    .findFirst().orElseThrow();
            JsonNode after = mine.stream().filter(p -> p.get("phase").asText().equals("rescaled") && p.get("since_fit").asInt() == 3)
                    .findFirst().orElseThrow();
            assertEquals(before.get("function").asText(), after.get("function").asText(), "the alpha-scaled network is the same function");
            assertEquals(before.get("log10_p").asDouble(), after.get("log10_p").asDouble());
            assertEquals(before.get("train_loss").asDouble(), after.get("train_loss").asDouble(), 1e-4 * before.get("train_loss").asDouble());
            assertTrue(after.get("sharpness").asDouble() > before.get("sharpness").asDouble(), "alpha = 5.9 sharpens the same function");
            assertEquals(fitEpochs + 6, mine.get(mine.size() - 1).get("epoch").asInt());

            CliTest.Result v = CliTest.run("volume", out.resolve("runs/s" + seed + "/fit").toString(), "--test-points", "20", "--threads", "1");
            assertEquals(0, v.code(), v.err());
            double volume = JSON.readTree(out.resolve("runs/s" + seed + "/fit/volume.json").toFile()).get("log10_p").asDouble();
            assertEquals(volume, fitted.get("log10_p").asDouble(), 1e-9 * Math.abs(volume), "f on S u E at the fit, computed two ways");
        }
        assertTrue(Files.isRegularFile(out.resolve("runs/s0/fit/snapshots/epoch-00002.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("runs/s0/rescaled-start.safetensors")));
        assertEquals(1 + j.get("points").size(), Files.readAllLines(out.resolve("temporal.csv")).size());
        assertTrue(Files.readString(out.resolve("index.html")).contains("Keskar sharpness on S"));
        JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
        assertEquals(4, findings.get("findings").size());

        long fitTime = Files.getLastModifiedTime(out.resolve("runs/s0/fit/model.safetensors")).toMillis();
        deleteTree(out.resolve("runs/s1/rescaled"));
        deleteTree(out.resolve("runs/s1/points"));
        Files.delete(out.resolve("runs/s1/rescaled-start.safetensors"));
        CliTest.Result again = CliTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(fitTime, Files.getLastModifiedTime(out.resolve("runs/s0/fit/model.safetensors")).toMillis(), "training reused");
        JsonNode k = JSON.readTree(out.resolve("temporal.json").toFile());
        assertEquals(j.get("points"), k.get("points"), "the retrained phase and the remeasured points are bit-identical");
        assertEquals(findings.get("findings"), JSON.readTree(out.resolve("findings.json").toFile()).get("findings"));
    }

    @Test
    void refusesARescalingOutsideThePostFitPhase() {
        CliTest.Result r = CliTest.run("study", "flatness-temporal", "--out", tmp.resolve("bad").toString(), "--post-epochs", "6",
                "--rescale-at", "6", "--threads", "1");
        CliTest.assertOneLineError(r, 2, "--rescale-at must lie strictly between 0 and --post-epochs (6), got 6");
        assertTrue(!Files.exists(tmp.resolve("bad/runs")), "nothing trained");
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
