package org.gengeo.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;
import org.gengeo.report.chart.LineChart;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;

/**
 * The index of a directory of runs (such as {@code runs/}): one row per run with its model, data,
 * outcome and final accuracies, links to each run's own report, and the runs' test-accuracy curves
 * overlaid in one chart.
 */
public final class RunsIndex {
    private RunsIndex() {}

    /** The run directories directly under {@code dir}, by name. */
    public static List<Path> runs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(RunReport::isRun).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The index page of {@code runs} (directories under {@code dir}, each with its report.html beside it). */
    public static HtmlPage page(Path dir, List<Path> runs, Provenance provenance) {
        HtmlPage page = new HtmlPage("Runs in " + dir);
        List<String[]> rows = new ArrayList<>();
        List<String[]> links = new ArrayList<>();
        LineChart acc = new LineChart("Test accuracy", "step", "test accuracy");
        for (Path run : runs) {
            String name = dir.relativize(run).toString();
            RunDirectory rd = RunDirectory.open(run);
            RunRecord r = page.readOrNote(rd.run(), () -> Json.read(rd.run(), RunRecord.class));
            List<MetricsLine> m = page.readOrNote(rd.metrics(), rd::readMetrics);
            MetricsLine last = r != null && r.last() != null ? r.last() : m == null || m.isEmpty() ? null : m.get(m.size() - 1);
            rows.add(new String[] {name, r == null ? "" : r.config().model(), r == null ? "" : r.config().data(),
                r == null ? "" : r.outcome(), r == null ? "" : "" + r.steps(),
                last == null ? "" : Numbers.table(last.trainLoss()), last == null ? "" : Numbers.table(last.testLoss()),
                last == null ? "" : Numbers.table(last.trainAcc()), last == null ? "" : Numbers.table(last.testAcc()),
                last == null ? "" : Numbers.table(last.trainAcc() - last.testAcc())});
            links.add(new String[] {name + "/" + Reports.FILE, name});
            if (m != null && !m.isEmpty()) {
                acc.add(name, m.stream().mapToDouble(MetricsLine::step).toArray(), m.stream().mapToDouble(MetricsLine::testAcc).toArray());
            }
        }
        page.heading("Runs");
        page.table(new String[] {"run", "model", "data", "outcome", "steps", "train loss", "test loss", "train acc", "test acc",
            "gap (acc)"}, rows);
        page.heading("Test accuracy");
        page.figure(acc, "Test accuracy of every run against the training step.");
        page.heading("Reports of the runs");
        page.links(links);
        page.about(provenance);
        return page;
    }
}
