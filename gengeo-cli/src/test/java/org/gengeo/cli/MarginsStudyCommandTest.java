package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gengeo.findings.Finding;
import org.gengeo.findings.StudyFindings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo study margins --preset tiny}: all four studies end to end, their files present and consistent. */
class MarginsStudyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theTinyPresetWritesEveryStudysTablesRecordAndPage() throws Exception {
        Path out = tmp.resolve("study");
        CliTest.Result r = CliTest.run("study", "margins", "--out", out.toString(), "--preset", "tiny", "--seeds", "2", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("margins-study.json").toFile());
        assertTrue(j.get("provenance").get("command").asText().startsWith("gengeo study margins"));

        // study 1: four networks (widths 32, 64 x no / full random-label pretraining), each trained to separation or reported
        JsonNode area = j.get("area");
        assertEquals(4, area.get("networks").size());
        List<String> areaCsv = Files.readAllLines(out.resolve("area.csv"));
        assertEquals(1 + 4, areaCsv.size());
        assertTrue(areaCsv.get(0).startsWith("name,model,weight_decay,init_scale,pretrain_fraction,seed,outcome,epochs,separated,"));
        int separated = 0;
        for (JsonNode n : area.get("networks")) {
            boolean s = n.get("separated").asBoolean();
            separated += s ? 1 : 0;
            assertEquals(s, n.get("train_accuracy").asDouble() == 1.0 && n.get("margins").get("min_margin").asDouble() > 0);
        }
        assertEquals(4 - separated, area.get("not_separated").size());
        // all together, then per width when a width has 3 separated networks (it has at most 2 here)
        assertEquals(separated >= 3 ? 5 : 0, area.get("associations").size());
        assertEquals(1 + area.get("associations").size(), Files.readAllLines(out.resolve("area-coefficients.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("runs/p1-w32-wd0-s1-seed2-pretrain/model.safetensors")));
        assertTrue(Files.readString(out.resolve("runs/p1-w32-wd0-s1-seed2/config.json")).contains("p1-w32-wd0-s1-seed2-pretrain"));

        // studies 2 and 3
        assertTrue(Files.readAllLines(out.resolve("pruning.csv")).size() > 1);
        assertTrue(Files.readAllLines(out.resolve("overlap.csv")).size() > 1);
        assertTrue(Files.isRegularFile(out.resolve("pruning-runs/low-margin-seed-1.json")), "each pruning run is stored for reuse");
        StudyFindings findings = StudyFindings.read(out);
        assertEquals("margins", findings.study());
        for (Finding f : findings.findings()) {
            assertTrue(f.setting().contains("the paper: CIFAR-10"), "every setting names the paper's protocol: " + f.setting());
            assertEquals(f.rule().decide(f.measured(), f.ci()), f.verdict());
        }
        assertTrue(r.out().contains("margins: commit "), "the findings table is printed: " + r.out());

        // study 4: the 8-model zoo, its features, and the one feature set it is large enough for
        JsonNode sig = j.get("signature");
        assertEquals(8, sig.get("models").size() + sig.get("excluded").size() + sig.get("failed").size());
        List<String> sigCsv = Files.readAllLines(out.resolve("signature.csv"));
        assertEquals(1 + sig.get("models").size(), sigCsv.size());
        assertTrue(sigCsv.get(0).startsWith("id,train_accuracy,test_accuracy,gap,fc0.log_lower_fence,fc0.log_q1,fc0.log_median"), sigCsv.get(0));
        List<String> fits = Files.readAllLines(out.resolve("signature-fits.csv"));
        assertEquals(4, fits.size());
        assertTrue(fits.get(3).startsWith("median,2,8,"), fits.get(3));
        JsonNode median = sig.get("fits").get(2).get("fit");
        double r2 = median.get("r2").asDouble();
        assertEquals(1 - (1 - r2) * 7 / 5, median.get("adjusted_r2").asDouble(), 1e-12);
        assertTrue(Files.isRegularFile(out.resolve("zoo/results.csv")));

        String html = Files.readString(out.resolve("index.html"));
        for (String heading : List.of("1. Margin-curve area", "2. Dynamic pruning", "3. Overlap", "4. Margin-signature regression")) {
            assertTrue(html.contains(heading), heading);
        }
        assertTrue(html.contains("<div class=\"plot\""));
        assertTrue(r.out().contains("signature study: median"), r.out());

        CliTest.assertOneLineError(CliTest.run("study", "margins", "--out", out.toString(), "--parts", "areas", "--threads", "1"), 2, "--parts");
        CliTest.assertOneLineError(CliTest.run("study", "margins", "--out", out.toString(), "--weight-decay", "-1", "--threads", "1"), 2,
                "--weight-decay");
        CliTest.assertOneLineError(CliTest.run("study", "margins", "--out", out.toString(), "--parts", "signature", "--zoo", "zoo-nope",
                "--threads", "1"),
                2, "unknown sweep preset");
    }
}
