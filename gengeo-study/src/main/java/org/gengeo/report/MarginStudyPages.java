package org.gengeo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.gengeo.margins.MarginPruning;
import org.gengeo.study.MarginStudies;
import org.gengeo.report.svg.BarChart;
import org.gengeo.report.svg.HtmlPage;
import org.gengeo.report.svg.LineChart;
import org.gengeo.report.svg.ScatterChart;

/**
 * The {@code index.html} of {@code gengeo study margins}: area against test error with its baselines
 * (study 1), test accuracy against epoch and against retained fraction for the three selection rules
 * (study 2), and the overlap of low-margin subsets across seeds against chance (study 3).
 */
public final class MarginStudyPages {
    private static final int W = 640;
    private static final int H = 400;

    private MarginStudyPages() {}

    /** The page; either study may be null (not run). */
    public static String page(String caption, MarginStudies.AreaStudy area, MarginStudies.PruningStudy pruning) {
        HtmlPage page = new HtmlPage("Margin distributions and generalization");
        page.paragraph(caption);
        if (area != null) {
            page.heading("1. Margin-curve area against test error (" + area.networks().size() + " networks)");
            List<String[]> rows = new ArrayList<>();
            for (MarginStudies.Association a : area.associations()) {
                rows.add(new String[] {a.predictor(), MarginPages.fmt(a.pearson()), MarginPages.fmt(a.spearman()), MarginPages.fmt(a.kendall())});
            }
            page.table(new String[] {"predictor vs test error", "Pearson r", "Spearman rho", "Kendall tau"}, rows);
            scatter(page, area, "area (mean normalised training margin)", p -> p.margins().area(), area.associations().get(0));
            scatter(page, area, "min normalised training margin", p -> p.margins().minMargin(), area.associations().get(1));
            scatter(page, area, "area of the unnormalised curve", p -> p.margins().unnormalisedArea(), area.associations().get(3));
            LineChart curves = new LineChart("Sorted normalised training margins", "rank fraction u", "normalised margin");
            for (MarginStudies.AreaPoint p : area.networks()) {
                curves.add(String.format(Locale.ROOT, "%s (test err %.3f)", p.name(), p.testError()), p.margins().curveU(), p.margins().curve());
            }
            page.figure(curves.toSvg(W, H), "");
        }
        if (pruning != null) {
            page.heading("2. Dynamic pruning after separation");
            LineChart byEpoch = new LineChart("Test accuracy during pruning", "epoch", "test accuracy");
            LineChart byFraction = new LineChart("Test accuracy against retained fraction", "retained fraction |S|/N", "test accuracy")
                    .logX(true);
            for (MarginPruning.Result r : pruning.runs()) {
                String name = r.selection().label() + " seed " + r.seed();
                byEpoch.add(name, r.epochs().stream().mapToDouble(MarginPruning.Epoch::epoch).toArray(),
                        r.epochs().stream().mapToDouble(MarginPruning.Epoch::testAccuracy).toArray());
                byFraction.add(name, r.epochs().stream().mapToDouble(MarginPruning.Epoch::retained).toArray(),
                        r.epochs().stream().mapToDouble(MarginPruning.Epoch::testAccuracy).toArray());
            }
            page.figure(byEpoch.toSvg(W, H), "");
            page.figure(byFraction.toSvg(W, H), "");
            if (!pruning.overlaps().isEmpty()) {
                page.heading("3. Overlap of low-margin subsets across seeds");
                int steps = pruning.overlaps().stream().mapToInt(MarginStudies.Overlap::reduction).max().orElse(0);
                String[] labels = new String[2 * steps];
                double[] values = new double[2 * steps];
                for (int s = 1; s <= steps; s++) {
                    int step = s;
                    labels[2 * s - 2] = "k=" + pruning.overlaps().stream().filter(o -> o.reduction() == step).findFirst().orElseThrow().size();
                    values[2 * s - 2] = pruning.overlaps().stream().filter(o -> o.reduction() == step)
                            .mapToDouble(MarginStudies.Overlap::intersectionOverK).average().orElse(Double.NaN);
                    labels[2 * s - 1] = "chance";
                    values[2 * s - 1] = pruning.overlaps().stream().filter(o -> o.reduction() == step).findFirst().orElseThrow().chance();
                }
                page.figure(new BarChart("Mean |A n B| / k across seed pairs, and chance k/N", "subset size", "fraction shared")
                        .bars(labels, values).toSvg(W, H), "");
            }
        }
        return page.toHtml();
    }

    private static void scatter(HtmlPage page, MarginStudies.AreaStudy area, String label,
                                ToDoubleFunction<MarginStudies.AreaPoint> x, MarginStudies.Association a) {
        page.figure(new ScatterChart(label + " vs test error", label, "test error")
                .add("networks", area.networks().stream().mapToDouble(x).toArray(),
                        area.networks().stream().mapToDouble(MarginStudies.AreaPoint::testError).toArray())
                .annotate(String.format(Locale.ROOT, "r = %.3f, rho = %.3f, tau = %.3f", a.pearson(), a.spearman(), a.kendall()))
                .toSvg(W, H), "");
    }
}
