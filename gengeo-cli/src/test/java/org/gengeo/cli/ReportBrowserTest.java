package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of page gengeo writes, opened in headless Chromium through WebDriver: a run's report
 * (with the quick start's headline geometry), a directory of runs, a sweep, a ranking and each
 * study. On each page: no console message, no network request, every chart drew its data, hovering
 * a data point of every chart shows a tooltip, and some tooltip names the run or model the point
 * belongs to. Skipped when Debian's chromium and chromium-driver are not installed.
 */
@Tag("slow")
class ReportBrowserTest {
    @TempDir
    Path tmp;

    private static void ok(CliTest.Result r) {
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void everyKindOfPageDrawsItsChartsAndNamesModelsOnHover() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "no /usr/bin/chromium or /usr/bin/chromedriver (apt-get install -y chromium "
                + "chromium-driver); browser test skipped");
        Map<Path, String> pages = new LinkedHashMap<>();
        Path first = tmp.resolve("runs/first-run");
        ok(CliTest.run("train", "--data", "gaussians", "--train-size", "120", "--test-size", "60", "--model", "mlp:20-8-10", "--epochs",
                "2", "--threads", "1", "--coherence-every", "2", "--learning-times", "--out", first.toString(), "--report"));
        pages.put(first.resolve("report.html"), "run: " + first);
        ok(CliTest.run("train", "--data", "gaussians", "--train-size", "120", "--test-size", "60", "--model", "mlp:20-8-10", "--epochs",
                "2", "--threads", "1", "--out", tmp.resolve("runs/second-run").toString()));
        ok(CliTest.run("report", tmp.resolve("runs").toString()));
        pages.put(tmp.resolve("runs/report.html"), "second-run");

        Path sweep = tmp.resolve("s.yaml");
        Files.writeString(sweep, """
                name: s
                base: {data: gaussians, train-size: 120, test-size: 60, model: "mlp:20-8-10", epochs: 2, batch: 30}
                grid: {lr: [0.01, 0.1], seed: [1, 2]}
                measures: [frobenius-norm, dist-init]
                """);
        Path out = tmp.resolve("sweep");
        ok(CliTest.run("sweep", sweep.toString(), "--out", out.toString(), "--workers", "1", "--threads", "1"));
        ok(CliTest.run("report", out.toString()));
        pages.put(out.resolve("report.html"), "model: ");
        ok(CliTest.run("rank", out.resolve("results.csv").toString()));
        pages.put(out.resolve("rank.html"), "model: ");

        Path coherence = tmp.resolve("studies/coherence");
        ok(CliTest.run("study", "coherence", "--out", coherence.toString(), "--data", "gaussians", "--train-size", "200", "--test-size",
                "100", "--model", "mlp:20-16-16-10", "--epochs", "3", "--threads", "1"));
        pages.put(coherence.resolve("index.html"), "runs: ");
        Path duality = tmp.resolve("studies/duality");
        ok(CliTest.run("study", "duality", "--factor", "label-noise=0,0.2", "--seeds", "1", "--train-size", "80", "--epochs", "2",
                "--threads", "1", "--out", duality.toString()));
        pages.put(duality.resolve("index.html"), "run: label-noise");
        Path flatness = tmp.resolve("studies/flatness");
        ok(CliTest.run("study", "flatness", "--out", flatness.toString(), "--train-size", "30", "--test-size", "40", "--attacks", "0,10",
                "--seeds", "1", "--optimisers", "adam", "--max-epochs", "40", "--threads", "1"));
        pages.put(flatness.resolve("index.html"), "run: ");
        Path margins = tmp.resolve("studies/margins");
        ok(CliTest.run("study", "margins", "--out", margins.toString(), "--preset", "tiny", "--seeds", "2", "--threads", "1"));
        pages.put(margins.resolve("index.html"), "seed");

        try (Browser browser = new Browser()) {
            for (Map.Entry<Path, String> page : pages.entrySet()) {
                List<Browser.Chart> charts = browser.check(page.getKey());
                assertTrue(charts.stream().anyMatch(c -> c.tooltip().contains(page.getValue())),
                        page.getKey() + ": no tooltip names the model (" + page.getValue() + "): "
                                + charts.stream().map(c -> c.title() + " -> " + c.tooltip().replace('\n', '|')).toList());
            }
            browser.open(out.resolve("report.html"));
            assertEquals(List.of("lr = 0.01", "lr = 0.1"), browser.colourBy("lr").stream().sorted().toList(),
                    "the sweep's scatter coloured by lr");
            assertEquals(List.of("seed = 1", "seed = 2"), browser.colourBy("seed").stream().sorted().toList());
            assertEquals(List.of(), browser.console());
        }
    }
}
