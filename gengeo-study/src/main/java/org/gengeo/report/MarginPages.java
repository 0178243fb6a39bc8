package org.gengeo.report;

import java.util.ArrayList;
import java.util.List;
import org.gengeo.margins.MarginSignature;
import org.gengeo.margins.MarginSummary;
import org.gengeo.report.chart.DensityChart;
import org.gengeo.report.chart.LineChart;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;

/**
 * The HTML page of {@code gengeo margins}: the sorted normalised margin curves of the training and
 * test sets against rank fraction (Banburski et al. 2021), histograms of the normalised margins, and
 * the per-layer margin signature of Jiang et al. (2019) as a table.
 */
public final class MarginPages {
    private MarginPages() {}

    /** The page for one run. */
    public static HtmlPage page(String title, String caption, MarginSummary train, MarginSummary test, double[] trainMargins,
                              double[] testMargins, MarginSignature signature) {
        HtmlPage page = new HtmlPage(title);
        page.paragraph(caption);
        page.heading("Margin distribution");
        sections(page, train, test, trainMargins, testMargins, signature, "");
        return page;
    }

    /**
     * The margin table and figures, and the signature table, into {@code page} (no heading of their own but the
     * signature's): samples of the normalised margins give the histograms; {@code run}, if not empty, names the run in
     * every tooltip.
     */
    static void sections(HtmlPage page, MarginSummary train, MarginSummary test, double[] trainMargins, double[] testMargins,
                         MarginSignature signature, String run) {
        List<String[]> rows = new ArrayList<>();
        for (String[] r : new String[][] {
                {"area (mean normalised margin)", Numbers.table(train.area(), 4), Numbers.table(test.area(), 4)},
                {"min normalised margin", Numbers.table(train.minMargin(), 4), Numbers.table(test.minMargin(), 4)},
                {"median normalised margin", Numbers.table(train.medianMargin(), 4), Numbers.table(test.medianMargin(), 4)},
                {"area of the unnormalised curve", Numbers.table(train.unnormalisedArea(), 4), Numbers.table(test.unnormalisedArea(), 4)},
                {"CDF area over [" + Numbers.table(train.cdfLo(), 4) + ", " + Numbers.table(train.cdfHi(), 4) + "]", Numbers.table(train.cdfArea(), 4), Numbers.table(test.cdfArea(), 4)},
                {"fraction with margin <= 0", Numbers.table(train.errorRate(), 4), Numbers.table(test.errorRate(), 4)}}) {
            rows.add(r);
        }
        page.table(new String[] {"quantity", "train", "test"}, rows);
        LineChart sorted = new LineChart("Sorted normalised margins", "rank fraction u", "normalised margin")
                .add("train", train.curveU(), train.curve()).add("test", test.curveU(), test.curve());
        DensityChart density = new DensityChart("Normalised margins", "normalised margin", "density")
                .histogram("train", trainMargins, Math.min(60, Math.max(10, trainMargins.length / 5)))
                .histogram("test", testMargins, Math.min(60, Math.max(10, testMargins.length / 5)));
        if (!run.isEmpty()) {
            sorted.about("run", run);
            density.about("run", run);
        }
        page.figure(sorted, "");
        page.figure(density, "");
        if (signature != null) {
            page.paragraph("Margin signature (Jiang et al. 2019): d / nu of correctly classified training examples at the input of "
                    + "each layer.");
            List<String[]> sig = new ArrayList<>();
            for (MarginSignature.Layer l : signature.layers()) {
                sig.add(new String[] {l.layer(), Numbers.table(l.nu(), 4), "" + l.kept(), Numbers.table(l.lowerFence(), 4), Numbers.table(l.q1(), 4), Numbers.table(l.median(), 4),
                        Numbers.table(l.q3(), 4), Numbers.table(l.upperFence(), 4)});
            }
            page.table(new String[] {"input of", "nu", "kept", "lower fence", "Q1", "median", "Q3", "upper fence"}, sig);
        } else {
            page.paragraph("No margin signature: it needs each layer's input, and an imported TorchScript module is opaque.");
        }
    }
}
