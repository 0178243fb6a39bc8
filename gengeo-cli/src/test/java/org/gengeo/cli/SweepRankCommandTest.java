package org.gengeo.cli;

import static org.gengeo.cli.CliTest.assertOneLineError;
import static org.gengeo.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo sweep} then {@code gengeo rank} end to end, and their one-line errors. */
class SweepRankCommandTest {
    @TempDir
    Path tmp;

    @Test
    void sweepThenRank() throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                base: {data: gaussians, train-size: 150, test-size: 100, model: "mlp:20-8-10", epochs: 2, batch: 25}
                grid: {lr: [0.01, 0.1], seed: [1, 2]}
                measures: [frobenius-norm, dist-init]
                """);
        CliTest.Result dry = run("sweep", file.toString(), "--out", tmp.resolve("o").toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("4 models, 2 measures"), dry.out());
        assertFalse(Files.exists(tmp.resolve("o")), "a dry run trains nothing");
        CliTest.Result s = run("sweep", file.toString(), "--out", tmp.resolve("o").toString(), "--workers", "1", "--threads", "1");
        assertEquals(0, s.code(), s.err());
        List<String> rows = Files.readAllLines(tmp.resolve("o/results.csv"));
        assertEquals(5, rows.size());
        CliTest.Result r = run("rank", tmp.resolve("o/results.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("factors lr, seed"), r.out());
        assertTrue(Files.readString(tmp.resolve("o/rank.csv")).startsWith("measure,kendall_tau,kendall_tau_low,"
                + "kendall_tau_high,models,granulated,granulated_low,granulated_high,psi_lr,psi_seed,cmi,cmi_min_1,cmi_min_2,cmi_min_2_low,"
                + "cmi_min_2_high\n"));
        String html = Files.readString(tmp.resolve("o/rank.html"));
        assertEquals(2, html.split("<div class=\"plot\"", -1).length - 1);
        assertTrue(Files.readString(tmp.resolve("o/rank.json")).contains("\"provenance\""));
        assertTrue(r.out().contains("cmi min2"), r.out());
    }

    @Test
    void badSweepsAndTablesAreOneLineErrors() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "base: {lr: 0.1}\nmeasures: [hessian-top, margin-auc]\n");
        assertOneLineError(run("sweep", file.toString(), "--out", tmp.resolve("o").toString()), 2,
                file + ":2: measures: unknown measure 'margin-auc'");
        assertOneLineError(run("sweep", "--preset", "zoo-huge", "--out", tmp.resolve("o").toString()), 2, "unknown sweep preset");
        assertOneLineError(run("sweep", file.toString(), "--preset", "zoo-small", "--out", tmp.toString()), 2, "either a sweep FILE");
        Path csv = tmp.resolve("r.csv");
        Files.writeString(csv, "id,lr,outcome\nx,0.1,completed\n");
        assertOneLineError(run("rank", csv.toString()), 2, "no column 'gap_loss'");
    }

    @Test
    void presetsAreValid() {
        CliTest.Result dry = run("sweep", "--preset", "zoo-small", "--out", tmp.resolve("z").toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("sweep zoo-small: 32 models, 17 measures"), dry.out());
        CliTest.Result large = run("sweep", "--preset", "zoo-large", "--out", tmp.resolve("l").toString(), "--dry-run");
        assertEquals(0, large.code(), large.err());
        assertTrue(large.out().contains("sweep zoo-large: 243 models, 17 measures"), large.out());
        CliTest.Result resnets = run("sweep", "--preset", "margin-zoo-resnet", "--out", tmp.resolve("r").toString(), "--dry-run");
        assertEquals(0, resnets.code(), resnets.err());
        assertTrue(resnets.out().contains("sweep margin-zoo-resnet: 32 models, 1 measures"), resnets.out());
    }
}
