package org.gengeo.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.duality.DualityResult;
import org.gengeo.report.DualityPages;
import org.gengeo.report.chart.Chart;
import org.gengeo.report.chart.LineChart;
import org.gengeo.report.chart.ScatterChart;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;

/**
 * {@code index.html} of a duality factor study: the estimate against the true loss gap over all
 * runs, the gap and its sharp/flat parts, sharpness, size and test error against the factor, the
 * spectra sigma_g,n, c_n and S_w,n per value, the one-solution figures, and a table saying whether
 * the factor moved sharpness, size or both.
 */
public final class DualityStudyPage {
    private static final int W = 640;
    private static final int H = 400;

    private DualityStudyPage() {}

    /** The page; {@code example} (may be null) gives the one-solution figures. */
    public static HtmlPage page(DualityStudy.StudyResult s, DualityResult example) {
        String f = s.factor();
        HtmlPage page = new HtmlPage("Activity-weight duality: " + f);
        page.paragraph(String.format(Locale.ROOT, "Factor %s (training option %s) at %s; %d seeds each; preset %s (%s, %s, lr %s, batch %d, "
                + "stop at train loss <= %s%s); duality on %s.%s %d runs in %.0f s. %s", f, s.trainingKey(), values(s.values()), s.seeds(),
                s.preset(), s.base().data(), s.base().model(), s.base().lr(), s.base().batch(), s.base().untilTrainLoss(),
                s.base().epochs() == null ? " or 1000 epochs" : " or " + s.base().epochs() + " epochs", s.layer(),
                DualityFactor.named(f).note(), s.runs().size(), s.wallS(), s.provenance().command()));
        page.heading("What the factor moved");
        page.paragraph(String.format(Locale.ROOT, "A measure counts as moved when |Spearman(factor, measure)| over all runs is at least %.1f and "
                + "its mean changed by at least %.0f%% from the first to the last value. Sharpness: sum_n sigma_g,n^2, sigma_g,1 and the top "
                + "eigenvalue h_1; size: sum_n sigma_w,n^2.", DualityStudy.MOVED_RHO, 100 * DualityStudy.MOVED_CHANGE));
        List<String[]> rows = new ArrayList<>();
        for (DualityStudy.Movement m : s.movements()) {
            rows.add(new String[] {m.measure(), Numbers.table(m.spearman(), 4), String.format(Locale.ROOT, "%+.1f%%", 100 * m.relativeChange()),
                m.moved() ? (m.relativeChange() > 0 ? "up" : "down") : "no"});
        }
        page.table(new String[] {"measure", "Spearman with factor", "change first to last", "moved"}, rows);
        page.heading("Means and standard deviations over seeds");
        List<String> names = new ArrayList<>(s.byValue().get(0).meanStd().keySet());
        List<String> header = new ArrayList<>(List.of(f));
        header.addAll(names);
        List<String[]> table = new ArrayList<>();
        for (DualityStudy.ValueSummary v : s.byValue()) {
            List<String> row = new ArrayList<>(List.of(DualityFactor.label(v.value())));
            for (String n : names) {
                double[] ms = v.meanStd().get(n);
                row.add(Numbers.table(ms[0], 4) + " +- " + Numbers.table(ms[1], 4));
            }
            table.add(row.toArray(new String[0]));
        }
        page.table(header.toArray(new String[0]), table);
        page.heading("Runs");
        List<String[]> runRows = new ArrayList<>();
        for (DualityStudy.RunSummary r : s.runs()) {
            runRows.add(new String[] {DualityFactor.label(r.value()), Long.toString(r.seed()), r.outcome(), Integer.toString(r.epochs()),
                Numbers.table(r.trainLoss(), 4), Numbers.table(r.generalizationLoss(), 4), Numbers.table(r.identity(), 4), Numbers.table(r.sharpCov(), 4), Numbers.table(r.flatCov(), 4), Numbers.table(r.sharpness(), 4),
                Numbers.table(r.size(), 4)});
        }
        page.paragraph("Outcome reached-train-loss: the run met the stopping rule; completed: it hit the epoch cap first and is not at the "
                + "same criterion as the others.");
        page.table(new String[] {f, "seed", "outcome", "epochs", "train loss", "gap", "identity", "sharp", "flat", "sum sigma_g^2",
            "sum sigma_w^2"}, runRows);
        page.heading("Figures");
        for (Chart<?> chart : figures(s)) {
            page.figure(chart, "");
        }
        if (example != null) {
            page.heading("One solution (first value, seed 0)");
            for (Chart<?> chart : DualityPages.figures(example)) {
                page.figure(chart, "");
            }
        }
        return page;
    }

    private static List<Chart<?>> figures(DualityStudy.StudyResult s) {
        List<Chart<?>> figs = new ArrayList<>();
        double[] gap = s.runs().stream().mapToDouble(DualityStudy.RunSummary::generalizationLoss).toArray();
        double[] id = s.runs().stream().mapToDouble(DualityStudy.RunSummary::identity).toArray();
        double[] second = s.runs().stream().mapToDouble(DualityStudy.RunSummary::secondOrder).toArray();
        String[] runs = s.runs().stream().map(r -> s.factor() + " = " + DualityFactor.label(r.value()) + ", seed " + r.seed())
                .toArray(String[]::new);
        figs.add(new ScatterChart("Duality estimates against the true generalization loss (all runs)", "true gap (test - train loss)",
                "estimate").add("sum (mu_g mu_w + c sigma_g sigma_w)", gap, id, Map.of("run", runs))
                .add("1/2 sum h (sigma_w^2 + mu_w^2)", gap, second, Map.of("run", runs)).line("y = x", gap, gap));
        double[] x = s.values();
        String f = s.factor();
        figs.add(new LineChart("Generalization loss and its sharp / flat parts", f, "loss").markers(true)
                .add("true gap", x, mean(s, "generalization_loss")).add("sharp (top 10 by sigma_g)", x, mean(s, "sharp_cov"))
                .add("flat (rest)", x, mean(s, "flat_cov")));
        figs.add(new LineChart("Sharpness factor", f, "value").markers(true).add("sum sigma_g,n^2", x, mean(s, "sharpness_sum_sigma_g2"))
                .add("sigma_g,1", x, mean(s, "sigma_g1")));
        figs.add(new LineChart("Curvature: top eigenvalue h_1 of the layer Hessian", f, "h_1").markers(true).add("h_1", x, mean(s, "top_h"))
                );
        figs.add(new LineChart("Size factor", f, "sum sigma_w,n^2").markers(true).add("sum sigma_w,n^2", x, mean(s, "size_sum_sigma_w2"))
                );
        figs.add(new LineChart("Test error", f, "1 - test accuracy").markers(true).add("test error", x, mean(s, "test_error")));
        figs.add(curves(s, "sigma_g:", "sigma_g,n by value (seed 0)", "sigma_g,n", true));
        figs.add(curves(s, "cumulative_size:", "Cumulative size S_w,n by value (seed 0)", "S_w,n", false));
        figs.add(curves(s, "c:", "Correlation c_n by value (seed 0)", "c_n", false));
        return figs;
    }

    private static LineChart curves(DualityStudy.StudyResult s, String prefix, String title, String y, boolean logY) {
        LineChart c = new LineChart(title, "direction rank n (by sigma_g)", y).logX(true).logY(logY);
        for (Map.Entry<String, double[]> e : s.curves().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                double[] v = e.getValue();
                double[] n = new double[v.length];
                for (int i = 0; i < n.length; i++) {
                    n[i] = i + 1;
                }
                double[][] p = logY ? DualityPages.positive(n, DualityPages.resolved(v)) : new double[][] {n, v};
                c.add(s.factor() + " = " + e.getKey().substring(prefix.length()), p[0], p[1]);
            }
        }
        return c;
    }

    private static double[] mean(DualityStudy.StudyResult s, String measure) {
        return s.byValue().stream().mapToDouble(v -> v.meanStd().get(measure)[0]).toArray();
    }

    private static String values(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(DualityFactor.label(x));
        }
        return String.join(", ", out);
    }
}
