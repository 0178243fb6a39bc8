package org.gengeo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gengeo.margins.MarginSignature;
import org.gengeo.margins.MarginSummary;
import org.gengeo.report.svg.DensityChart;
import org.gengeo.report.svg.HtmlPage;
import org.gengeo.report.svg.LineChart;

/**
 * The HTML page of {@code gengeo margins}: the sorted normalised margin curves of the training and
 * test sets against rank fraction (Banburski et al. 2021), histograms of the normalised margins, and
 * the per-layer margin signature of Jiang et al. (2019) as a table.
 */
public final class MarginPages {
    private static final int W = 640;
    private static final int H = 400;

    private MarginPages() {}

    /** The page for one run. */
    public static String page(String title, String caption, MarginSummary train, MarginSummary test, double[] trainMargins,
                              double[] testMargins, MarginSignature signature) {
        HtmlPage page = new HtmlPage(title);
        page.paragraph(caption);
        List<String[]> rows = new ArrayList<>();
        for (String[] r : new String[][] {
                {"area (mean normalised margin)", fmt(train.area()), fmt(test.area())},
                {"min normalised margin", fmt(train.minMargin()), fmt(test.minMargin())},
                {"median normalised margin", fmt(train.medianMargin()), fmt(test.medianMargin())},
                {"area of the unnormalised curve", fmt(train.unnormalisedArea()), fmt(test.unnormalisedArea())},
                {"CDF area over [" + fmt(train.cdfLo()) + ", " + fmt(train.cdfHi()) + "]", fmt(train.cdfArea()), fmt(test.cdfArea())},
                {"fraction with margin <= 0", fmt(train.errorRate()), fmt(test.errorRate())}}) {
            rows.add(r);
        }
        page.heading("Margin distribution");
        page.table(new String[] {"quantity", "train", "test"}, rows);
        page.figure(new LineChart("Sorted normalised margins", "rank fraction u", "normalised margin")
                .add("train", train.curveU(), train.curve()).add("test", test.curveU(), test.curve()).toSvg(W, H), "");
        page.figure(new DensityChart("Normalised margins", "normalised margin", "density")
                .histogram("train", trainMargins, 60).histogram("test", testMargins, 60).toSvg(W, H), "");
        if (signature == null) {
            page.paragraph("No margin signature: it needs each layer's input, and an imported TorchScript module is opaque.");
            return page.toHtml();
        }
        page.heading("Margin signature (Jiang et al. 2019), d / nu of correctly classified training examples");
        List<String[]> sig = new ArrayList<>();
        for (MarginSignature.Layer l : signature.layers()) {
            sig.add(new String[] {l.layer(), fmt(l.nu()), "" + l.kept(), fmt(l.lowerFence()), fmt(l.q1()), fmt(l.median()), fmt(l.q3()),
                    fmt(l.upperFence())});
        }
        page.table(new String[] {"input of", "nu", "kept", "lower fence", "Q1", "median", "Q3", "upper fence"}, sig);
        return page.toHtml();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
