package org.gengeo.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.gengeo.margins.MarginPruning;
import org.gengeo.report.chart.BarChart;
import org.gengeo.report.chart.LineChart;
import org.gengeo.report.chart.ScatterChart;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;
import org.gengeo.stats.LinearRegression;

/**
 * The {@code index.html} of {@code gengeo study margins}: area against test error with its baselines
 * (study 1), test accuracy against epoch and against retained fraction for the three selection rules
 * (study 2), the overlap of low-margin subsets across seeds against chance (study 3), and the
 * margin-signature regression's fits with predicted against true gap (study 4).
 */
public final class MarginStudyPages {
    private static final int W = 640;
    private static final int H = 400;

    private MarginStudyPages() {}

    /** The page; any study may be null (not run). */
    public static HtmlPage page(String caption, MarginAreaStudy.Result area, MarginStudies.PruningStudy pruning,
                              SignatureZooStudy.Result signature) {
        HtmlPage page = new HtmlPage("Margin distributions and generalization");
        page.paragraph(caption);
        if (area != null) {
            List<MarginAreaStudy.Point> sep = area.separated();
            page.heading("1. Margin-curve area against test error (" + sep.size() + " of " + area.networks().size()
                    + " networks separated)");
            page.paragraph(area.notSeparated().isEmpty() ? "Every network reached 100% training accuracy."
                    : area.notSeparated().size() + " networks did not reach 100% training accuracy within their epoch cap and are left out"
                    + " of the coefficients: " + String.join(", ", area.notSeparated()) + ".");
            List<String[]> rows = new ArrayList<>();
            for (MarginAreaStudy.Association a : area.associations()) {
                rows.add(new String[] {a.group(), Integer.toString(a.networks()), a.predictor(), Numbers.table(a.pearson(), 4),
                        Numbers.table(a.spearman(), 4), Numbers.table(a.kendall(), 4)});
            }
            page.table(new String[] {"networks", "n", "predictor vs test error", "Pearson r", "Spearman rho", "Kendall tau"}, rows);
            if (!area.associations().isEmpty()) {
                scatter(page, sep, "area (mean normalised training margin)", p -> p.margins().area(), area.associations().get(0));
                scatter(page, sep, "min normalised training margin", p -> p.margins().minMargin(), area.associations().get(1));
                scatter(page, sep, "median normalised training margin", p -> p.margins().medianMargin(), area.associations().get(2));
                scatter(page, sep, "area of the unnormalised curve", p -> p.margins().unnormalisedArea(), area.associations().get(3));
            }
            LineChart curves = new LineChart("Sorted normalised training margins", "rank fraction u", "normalised margin");
            for (MarginAreaStudy.Point p : sep) {
                curves.add(String.format(Locale.ROOT, "%s (test err %.3f)", p.name(), p.testError()), p.margins().curveU(), p.margins().curve());
            }
            page.figure(curves, "");
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
            page.figure(byEpoch, "");
            page.figure(byFraction, "");
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
                        .bars(labels, values), "");
            }
        }
        if (signature != null) {
            signature(page, signature);
        }
        return page;
    }

    /** Study 4: the fits' statistics, and predicted against true gap for each fitted feature set, with y = x. */
    private static void signature(HtmlPage page, SignatureZooStudy.Result r) {
        page.heading("4. Margin-signature regression on the zoo " + r.zoo() + " (" + r.models().size() + " models)");
        if (!r.excluded().isEmpty() || !r.failed().isEmpty()) {
            page.paragraph("Left out: " + r.excluded().size() + " models " + r.excluded() + "; failed: " + r.failed().size() + " "
                    + r.failed() + ".");
        }
        List<String[]> rows = new ArrayList<>();
        for (SignatureZooStudy.Fit f : r.fits()) {
            LinearRegression g = f.fit();
            rows.add(g == null ? new String[] {f.featureSet(), Integer.toString(f.features().size()), "", "", "", f.skipped()}
                    : new String[] {f.featureSet(), Integer.toString(f.features().size()), Numbers.table(g.r2(), 4),
                            Numbers.table(g.adjustedR2(), 4), Numbers.table(g.cvR2(), 4) + " (" + g.folds() + "-fold)", ""});
        }
        page.table(new String[] {"log features", "p", "R^2", "adjusted R^2", "cross-validated R^2", "note"}, rows);
        double[] gap = r.models().stream().mapToDouble(SignatureZooStudy.Model::gap).toArray();
        Map<String, String[]> labels = new LinkedHashMap<>();
        labels.put("model", r.models().stream().map(SignatureZooStudy.Model::id).toArray(String[]::new));
        List<String> factors = r.models().isEmpty() ? List.of() : List.copyOf(r.models().get(0).factors().keySet());
        for (String factor : factors) {
            labels.put(factor, r.models().stream().map(m -> String.valueOf(m.factors().get(factor))).toArray(String[]::new));
        }
        for (SignatureZooStudy.Fit f : r.fits()) {
            if (f.fit() == null) {
                continue;
            }
            double lo = Math.min(Arrays.stream(gap).min().orElse(0), Arrays.stream(f.fit().cvPredicted()).min().orElse(0));
            double hi = Math.max(Arrays.stream(gap).max().orElse(1), Arrays.stream(f.fit().cvPredicted()).max().orElse(1));
            ScatterChart chart = new ScatterChart("Predicted vs true gap: " + f.featureSet(), "predicted gap (train - test accuracy)",
                    "true gap").add("in-sample fit", f.fit().fitted(), gap, labels).add("out-of-fold prediction", f.fit().cvPredicted(), gap,
                    labels).line("y = x", new double[] {lo, hi}, new double[] {lo, hi});
            factors.forEach(chart::colourBy);
            page.figure(chart
                    .annotate(String.format(Locale.ROOT, "adjusted R^2 = %.3f, %d-fold CV R^2 = %.3f", f.fit().adjustedR2(), f.fit().folds(),
                            f.fit().cvR2()))
                    , "");
        }
    }

    private static void scatter(HtmlPage page, List<MarginAreaStudy.Point> points, String label,
                                ToDoubleFunction<MarginAreaStudy.Point> x, MarginAreaStudy.Association a) {
        ScatterChart chart = new ScatterChart(label + " vs test error", label, "test error");
        for (String model : points.stream().map(MarginAreaStudy.Point::model).distinct().toList()) {
            List<MarginAreaStudy.Point> group = points.stream().filter(p -> p.model().equals(model)).toList();
            Map<String, String[]> labels = new LinkedHashMap<>();
            labels.put("network", group.stream().map(MarginAreaStudy.Point::name).toArray(String[]::new));
            labels.put("weight decay", group.stream().map(p -> Numbers.table(p.weightDecay(), 4)).toArray(String[]::new));
            labels.put("init scale", group.stream().map(p -> Numbers.table(p.initScale(), 4)).toArray(String[]::new));
            labels.put("pretrain fraction", group.stream().map(p -> Numbers.table(p.pretrainFraction(), 4)).toArray(String[]::new));
            labels.put("seed", group.stream().map(p -> Long.toString(p.seed())).toArray(String[]::new));
            chart.add(model, group.stream().mapToDouble(x).toArray(), group.stream().mapToDouble(MarginAreaStudy.Point::testError).toArray(),
                    labels);
        }
        for (String factor : List.of("weight decay", "init scale", "pretrain fraction", "seed")) {
            chart.colourBy(factor);
        }
        page.figure(chart.annotate(String.format(Locale.ROOT, "all: r = %.3f, rho = %.3f, tau = %.3f", a.pearson(), a.spearman(),
                a.kendall())), "");
    }
}
