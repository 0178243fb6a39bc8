package org.gengeo.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.gengeo.findings.FindingsTable;
import org.gengeo.findings.StudyFindings;
import org.gengeo.core.io.CsvTable;
import org.gengeo.report.chart.LineChart;
import org.gengeo.report.page.HtmlPage;

/** index.html and temporal.csv of the temporal flatness experiment. */
public final class FlatnessTemporalPage {
    private FlatnessTemporalPage() {}

    /** One row per measured network. */
    public static CsvTable csv(FlatnessTemporalResult r) {
        CsvTable t = new CsvTable("seed", "phase", "epoch", "epochs_since_fit", "train_loss", "train_acc", "test_acc", "log10_p",
                "sharpness", "labels_changed_since_fit");
        for (int seed : r.fitEpochs().keySet()) {
            List<TemporalPoint> mine = seedPoints(r, seed);
            TemporalPoint fitted = FlatnessTemporalFindings.Landmarks.of(mine).fitted();
            for (TemporalPoint p : mine) {
                t.row(p.seed(), p.phase(), p.epoch(), p.sinceFit(), p.trainLoss(), p.trainAcc(), p.testAcc(), p.log10P(), p.sharpness(),
                        p.labelsChanged(fitted));
            }
        }
        return t;
    }

    /** The page: settings, findings, and log10 P(f), sharpness and test accuracy against epochs since the fit, one line per seed. */
    public static HtmlPage html(FlatnessTemporalResult r) {
        FlatnessTemporalOptions o = r.options();
        HtmlPage page = new HtmlPage("Flatness and prior volume along training");
        page.paragraph(String.format(Locale.ROOT, "%s. %d points in %.0f s. %s", FlatnessTemporalFindings.setting(o, r.fitEpochs(),
                r.leftOut(), r.dataSource()), r.points().size(), r.wallS(), r.provenance().command()));
        page.heading("Findings of the paper, checked");
        new FindingsTable(List.of(new StudyFindings("flatness-temporal", r.provenance(), r.findings()))).addTo(page);
        page.heading("Along training");
        String x = "epochs since S was fitted";
        String caption = " One line per seed; 0 is the epoch the network fitted S, " + o.rescaleAt()
                + " the alpha-scaling (two points: just before and just after).";
        page.figure(chart("log10 P(f) of the function on S u E", x, "log10 P(f)", r, TemporalPoint::log10P, false),
                "The prior probability of the labels the network predicts on S and E." + caption);
        page.figure(chart("Keskar sharpness on S", x, "sharpness", r, TemporalPoint::sharpness, true), "Log axis." + caption);
        page.figure(chart("Test accuracy", x, "accuracy on E", r, TemporalPoint::testAcc, false), caption.trim());
        return page;
    }

    private static LineChart chart(String title, String x, String y, FlatnessTemporalResult r, ToDoubleFunction<TemporalPoint> value,
                                   boolean logY) {
        LineChart c = new LineChart(title, x, y);
        for (int seed : r.fitEpochs().keySet()) {
            List<TemporalPoint> mine = seedPoints(r, seed);
            Map<String, String[]> labels = new LinkedHashMap<>();
            labels.put("phase", mine.stream().map(TemporalPoint::phase).toArray(String[]::new));
            labels.put("epoch", mine.stream().map(p -> Integer.toString(p.epoch())).toArray(String[]::new));
            c.add("seed " + seed, mine.stream().mapToDouble(TemporalPoint::sinceFit).toArray(), mine.stream().mapToDouble(value).toArray(),
                    labels);
        }
        return c.logY(logY);
    }

    private static List<TemporalPoint> seedPoints(FlatnessTemporalResult r, int seed) {
        return r.points().stream().filter(p -> p.seed() == seed).toList();
    }
}
