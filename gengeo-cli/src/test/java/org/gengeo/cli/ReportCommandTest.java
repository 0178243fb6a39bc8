package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gengeo train --report and gengeo report on a run, on a directory of runs, and on a directory with nothing to report. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainWithReportThenReportOfTheRunsDirectory() throws Exception {
        Path run = tmp.resolve("runs/a");
        CliTest.Result t = CliTest.run("train", "--data", "gaussians", "--train-size", "120", "--test-size", "60", "--model",
                "mlp:20-8-10", "--epochs", "2", "--threads", "1", "--out", run.toString(), "--report");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("report: " + run.resolve("report.html")), t.out());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("--report") && html.contains("aria-label=\"Accuracy\""), "page names the command and has the curves");
        for (String headline : List.of("aria-label=\"Extreme eigenvalues of the Hessian\"", "aria-label=\"Spectral density (SLQ, 4 runs x 40 steps)\"",
                "aria-label=\"m-coherence per layer\"", "aria-label=\"Sorted normalised margins\"", "<td>keskar-sharpness</td>",
                "<td>log-prod-spectral</td>", "<td>path-norm</td>")) {
            assertTrue(html.contains(headline), "--report shows the run's headline geometry: " + headline);
        }
        for (String file : List.of("hessian.json", "coherence.json", "margins.json", "measures.json")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }

        CliTest.Result r = CliTest.run("report", tmp.resolve("runs").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + tmp.resolve("runs/report.html") + " and 1 run reports", r.out().strip());
        assertTrue(Files.readString(tmp.resolve("runs/report.html")).contains("href=\"a/report.html\""));
    }

    @Test
    void nothingToReportIsAOneLineError() {
        CliTest.assertOneLineError(CliTest.run("report", tmp.toString()), 2, tmp + ": not a run directory");
        CliTest.assertOneLineError(CliTest.run("report", tmp.resolve("nope").toString()), 2, "no such directory");
    }
}
