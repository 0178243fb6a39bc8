package org.gengeo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;
import org.gengeo.margins.MarginsRecord;
import org.gengeo.measures.SharpnessResult;
import org.gengeo.measures.registry.MeasureRegistry;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The page of one run: every result file becomes its figures, tables repeat the inputs, bad files become one-line errors. */
class RunReportTest {
    @TempDir
    Path tmp;

    @Test
    void everyResultFilePresentHasItsFiguresAndValues() throws Exception {
        Path dir = tmp.resolve("run");
        RunRecord r = ReportFixture.train(dir, 0.1);
        ReportFixture.writeResults(dir);
        String html = RunReport.page(dir, Provenance.current("gengeo report " + dir)).toHtml();
        Document doc = ReportFixture.xml(html);
        assertEquals(List.of("Loss", "Accuracy", "m-coherence during training", "Extreme eigenvalues of the Hessian",
                "Spectral density (SLQ, 2 runs x 10 steps)", "Spectral density, log scale", "m-coherence per layer",
                "Loss along random direction", "Accuracy along the same line", "Learning times of 120 training examples"),
                ReportFixture.chartTitles(doc).stream().map(t -> t.startsWith("Loss along") ? "Loss along random direction" : t).toList());
        List<List<String>> rows = ReportFixture.rows(doc);
        MetricsLine last = r.last();
        assertTrue(rows.contains(List.of("final test accuracy", Numbers.table(last.testAcc()))), rows.toString());
        assertTrue(rows.contains(List.of("final train loss", Numbers.table(last.trainLoss()))), rows.toString());
        assertTrue(rows.contains(List.of("outcome", r.outcome())));
        assertTrue(rows.contains(List.of("command", "test")));
        assertTrue(rows.contains(List.of("lr", "0.1")), rows.toString());
        String frobenius = MeasureRegistry.get("frobenius-norm").description();
        assertTrue(rows.contains(List.of("frobenius-norm", "12.3457", frobenius, "none", "", "", "0.01")), rows.toString());
        assertTrue(rows.contains(List.of("hessian-top", "3.5", MeasureRegistry.get("hessian-top").description(), "train", "iterations=30",
                "residual=0.0001", "0.50")), rows.toString());
        assertTrue(html.contains("\"fc0\"") && html.contains("\"fc1\""), "coherence layers named");
        assertFalse(html.contains("Error:"));
        assertEquals(List.of("whole network", "fc0", "fc1"), ReportFixture.seriesNames(doc, "m-coherence during training"));
        for (String note : List.of(RunReport.HESSIAN_NOTE, RunReport.COHERENCE_NOTE, RunReport.MEASURES_NOTE)) {
            assertTrue(html.contains(HtmlPage.escape(note)), "each analysis says what it means: " + note);
        }
        assertTrue(html.indexOf("Curvature: the Hessian") < html.indexOf("Coherence of the per-example gradients")
                && html.indexOf("Coherence of the per-example gradients") < html.indexOf("Norms, sharpness"), "headline sections in order");
    }

    @Test
    void marginsSharpnessVolumeAndDualityReachTheReport() throws Exception {
        Path dir = tmp.resolve("run");
        ReportFixture.train(dir, 0.1);
        ReportFixture.writeAnalyses(dir);
        String html = RunReport.page(dir, Provenance.current("test")).toHtml();
        Document doc = ReportFixture.xml(html);
        assertFalse(html.contains("Error:"), html.lines().filter(l -> l.contains("Error:")).findFirst().orElse(""));
        List<String> titles = ReportFixture.chartTitles(doc);
        assertTrue(titles.containsAll(List.of("Sorted normalised margins", "Normalised margins",
                "Cumulative decomposition of the generalization loss")), titles.toString());
        List<List<String>> rows = ReportFixture.rows(doc);
        MarginsRecord m = RunDirectory.open(dir).read(RunArtifacts.MARGINS);
        assertTrue(rows.contains(List.of("area (mean normalised margin)", Numbers.table(m.train().area(), 4), Numbers.table(m.test().area(), 4))),
                rows.toString());
        SharpnessResult s = RunDirectory.open(dir).read(RunArtifacts.SHARPNESS);
        assertTrue(rows.contains(List.of("Keskar sharpness (eps 0.001)", Numbers.table(s.sharpness()))), rows.toString());
        assertTrue(rows.contains(List.of("log10 P(f) (EP)", Numbers.table(ReportFixture.LOG10_P))), rows.toString());
        for (String note : List.of(RunReport.MARGINS_NOTE, RunReport.SHARPNESS_NOTE, RunReport.VOLUME_NOTE, RunReport.DUALITY_NOTE)) {
            assertTrue(html.contains(HtmlPage.escape(note)), note);
        }
    }

    @Test
    void missingFilesAreSkippedAndACorruptOneIsOneLineNamingIt() throws Exception {
        Path dir = tmp.resolve("run");
        ReportFixture.train(dir, 0.1);
        ReportFixture.writeResults(dir);
        Files.delete(dir.resolve("landscape.json"));
        Files.delete(dir.resolve("learning-times.json"));
        Files.writeString(dir.resolve("hessian.json"), "{\"top\": [1, 2");
        Document doc = ReportFixture.xml(RunReport.page(dir, Provenance.current("test")).toHtml());
        List<String> titles = ReportFixture.chartTitles(doc);
        assertEquals(List.of("Loss", "Accuracy", "m-coherence during training", "m-coherence per layer"), titles);
        var ps = doc.getElementsByTagName("p");
        List<String> errors = new java.util.ArrayList<>();
        for (int i = 0; i < ps.getLength(); i++) {
            if (ps.item(i).getTextContent().startsWith("Error:")) {
                errors.add(ps.item(i).getTextContent());
            }
        }
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains(dir.resolve("hessian.json").toString()) && !errors.get(0).contains("\n"), errors.get(0));
    }

    @Test
    void aDirectoryOfRunsGetsAnIndexAndEachRunItsPage() throws Exception {
        RunRecord a = ReportFixture.train(tmp.resolve("runs/a"), 0.02);
        RunRecord b = ReportFixture.train(tmp.resolve("runs/b"), 0.2);
        Files.createDirectories(tmp.resolve("runs/not-a-run"));
        List<Path> written = Reports.write(tmp.resolve("runs"), "test");
        assertEquals(List.of(tmp.resolve("runs/report.html"), tmp.resolve("runs/a/report.html"), tmp.resolve("runs/b/report.html")),
                written);
        Document doc = ReportFixture.xml(Files.readString(written.get(0)));
        List<List<String>> rows = ReportFixture.rows(doc);
        assertEquals(2, rows.size());
        assertEquals(List.of("a", "mlp:20-8-10", "gaussians", a.outcome(), "" + a.steps(), Numbers.table(a.last().trainLoss()),
                Numbers.table(a.last().testLoss()), Numbers.table(a.last().trainAcc()), Numbers.table(a.last().testAcc()),
                Numbers.table(a.last().trainAcc() - a.last().testAcc())), rows.get(0));
        assertEquals(Numbers.table(b.last().testAcc()), rows.get(1).get(8));
        assertEquals(List.of("Test accuracy"), ReportFixture.chartTitles(doc));
        String html = Files.readString(written.get(0));
        assertTrue(html.contains("href=\"a/report.html\"") && html.contains("href=\"b/report.html\""));
        assertEquals(List.of("a", "b"), ReportFixture.seriesNames(doc, "Test accuracy"), "one series (legend entry) per run");
    }

    @Test
    void aDirectoryWithNothingToReportIsAOneLineError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.gengeo.core.GengeoException.class,
                () -> Reports.write(tmp, "test"));
        assertTrue(e.getMessage().startsWith(tmp + ": not a run directory"), e.getMessage());
    }
}
