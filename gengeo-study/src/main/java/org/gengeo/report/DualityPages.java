package org.gengeo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.duality.DualityResult;
import org.gengeo.report.chart.Chart;
import org.gengeo.report.chart.LineChart;
import org.gengeo.report.chart.ScatterChart;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;

/**
 * The HTML page of {@code gengeo duality}: the decomposition's values and, for the one solution,
 * the per-direction spectra against the rank n (directions ranked by sigma_g, descending, as the
 * authors do), h_n against sigma_w,n^2 and sigma_g,n, and the cumulative decomposition.
 */
public final class DualityPages {
    private static final int W = 640;
    private static final int H = 400;

    private DualityPages() {}

    /** Per-direction figures of one result. */
    public static List<Chart<?>> figures(DualityResult r) {
        DualityResult.Directions d = r.directions();
        int[] order = r.orderBySigmaG();
        int n = order.length;
        double[] rank = new double[n];
        double[] h = new double[n];
        double[] sg = new double[n];
        double[] sw = new double[n];
        double[] c = new double[n];
        double[] cumIdentity = new double[n];
        double[] cumCov = new double[n];
        double[] cumSecond = new double[n];
        double[] cumSize = new double[n];
        double[] gap = new double[n];
        double ci = 0;
        double cc = 0;
        double cs = 0;
        double sz = 0;
        for (int i = 0; i < n; i++) {
            int k = order[i];
            rank[i] = i + 1;
            h[i] = d.h()[k];
            sg[i] = d.sigmaG()[k];
            sw[i] = d.sigmaW()[k];
            c[i] = d.c()[k];
            double cov = d.c()[k] * d.sigmaG()[k] * d.sigmaW()[k];
            cc += cov;
            ci += cov + d.muG()[k] * d.muW()[k];
            cs += 0.5 * d.h()[k] * (d.sigmaW()[k] * d.sigmaW()[k] + d.muW()[k] * d.muW()[k]);
            sz += d.sigmaW()[k];
            cumIdentity[i] = ci;
            cumCov[i] = cc;
            cumSecond[i] = cs;
            cumSize[i] = sz;
            gap[i] = r.generalizationLoss();
        }
        h = resolved(h);
        double[] sgLog = resolved(sg);
        double[] swLog = resolved(sw);
        List<Chart<?>> figs = new ArrayList<>();
        String by = "direction rank n (by sigma_g, descending)";
        figs.add(new LineChart("Per-direction sharpness, size and curvature", by, "value").logX(true).logY(true)
                .add("sigma_g,n", positive(rank, sgLog)[0], positive(rank, sgLog)[1])
                .add("sigma_w,n", positive(rank, swLog)[0], positive(rank, swLog)[1])
                .add("h_n", positive(rank, h)[0], positive(rank, h)[1]));
        figs.add(new LineChart("Correlation c_n of dual weights and effective gradients", by, "c_n").logX(true).add("c_n", rank, c)
                );
        double[] sw2 = new double[n];
        for (int i = 0; i < n; i++) {
            sw2[i] = sw[i] * sw[i];
        }
        double[][] hs = positive(h, sw2);
        figs.add(new ScatterChart("Curvature h_n against size sigma_w,n^2", "h_n", "sigma_w,n^2").logX(true).logY(true)
                .add("directions", hs[0], hs[1]));
        double[][] hg = positive(h, sgLog);
        figs.add(new ScatterChart("Sharpness sigma_g,n against curvature h_n", "h_n", "sigma_g,n").logX(true).logY(true)
                .add("directions", hg[0], hg[1]));
        figs.add(new LineChart("Cumulative decomposition of the generalization loss", by, "loss").logX(true)
                .add("sum of (mu_g mu_w + c sigma_g sigma_w)", rank, cumIdentity).add("sum of c sigma_g sigma_w", rank, cumCov)
                .add("1/2 sum of h (sigma_w^2 + mu_w^2)", rank, cumSecond).add("true gap", rank, gap));
        figs.add(new LineChart("Cumulative size S_w,n", by, "sum of sigma_w,m for m <= n").logX(true).add("S_w,n", rank, cumSize)
                );
        return figs;
    }

    /**
     * Values below 1e-10 of the largest set to NaN (not drawn): the null space of a layer Hessian
     * (and the spreads along it) comes out as rounding noise around 0 that would stretch a log axis
     * over 20 decades.
     */
    public static double[] resolved(double[] h) {
        double max = 0;
        for (double v : h) {
            max = Math.max(max, v);
        }
        double[] out = h.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 1e-10 * max) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** The points with both coordinates positive (for log axes): {xs, ys}. */
    public static double[][] positive(double[] x, double[] y) {
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            count += x[i] > 0 && y[i] > 0 ? 1 : 0; // NaN fails both tests
        }
        double[][] out = new double[2][Math.max(count, 1)];
        if (count == 0) {
            out[0][0] = Double.NaN;
            out[1][0] = Double.NaN;
            return out;
        }
        int j = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0) {
                out[0][j] = x[i];
                out[1][j++] = y[i];
            }
        }
        return out;
    }

    /** The key numbers of one result as table rows. */
    public static List<String[]> rows(DualityResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"true generalization loss (test - clean train)", Numbers.table(r.generalizationLoss())});
        rows.add(new String[] {"mean dl_k over pairs", Numbers.table(r.meanDl())});
        rows.add(new String[] {"identity: sum mu_g mu_w", Numbers.table(r.identity().meanTerms())});
        rows.add(new String[] {"identity: sum c sigma_g sigma_w", Numbers.table(r.identity().covarianceTerms())});
        if (!r.complete()) {
            rows.add(new String[] {"identity: remainder outside the top " + r.directions().h().length, Numbers.table(r.identity().remainder())});
        }
        rows.add(new String[] {"identity: total", Numbers.table(r.identity().total())});
        rows.add(new String[] {"second order 1/2 sum h (sigma_w^2 + mu_w^2)" + (r.complete() ? "" : " (top K only)"), Numbers.table(r.secondOrder().full())});
        rows.add(new String[] {"second order 1/2 sum h sigma_w^2", Numbers.table(r.secondOrder().sigmaOnly())});
        for (DualityResult.Split s : List.of(r.splitBySigmaG(), r.splitByH())) {
            rows.add(new String[] {"sharp (top " + s.sharpCount() + " by " + s.ordering() + ") c sigma_g sigma_w", Numbers.table(s.sharpCov())});
            rows.add(new String[] {"flat (rest, by " + s.ordering() + ") c sigma_g sigma_w", Numbers.table(s.flatCov())});
        }
        rows.add(new String[] {"size sum sigma_w^2", Numbers.table(r.size().sumSigmaW2())});
        rows.add(new String[] {"sharpness sum sigma_g^2", Numbers.table(r.size().sumSigmaG2())});
        rows.add(new String[] {"|W|_F of " + r.layer(), Numbers.table(r.size().weightNorm())});
        rows.add(new String[] {"Spearman(sigma_g,n, h_n) / Spearman(sigma_w,n, h_n)", Numbers.table(r.shape().spearmanSigmaGH()) + " / "
            + Numbers.table(r.shape().spearmanSigmaWH())});
        rows.add(new String[] {"c_n mean +- sd over directions", Numbers.table(r.shape().cMean()) + " +- " + Numbers.table(r.shape().cStd())});
        rows.add(new String[] {"train / test loss", Numbers.table(r.trainLoss()) + " / " + Numbers.table(r.testLoss())});
        return rows;
    }

    /** The page for {@code gengeo duality}. */
    public static HtmlPage page(DualityResult r) {
        HtmlPage page = new HtmlPage("Activity-weight duality of " + r.run());
        page.paragraph(String.format(Locale.ROOT, "Layer %s (%d parameters, %s), %d clean training examples (%d mislabelled excluded), "
                + "%d test examples, %d pairs (%s), Hessian: %s, %d directions. %s", r.layer(), r.dimension(),
                String.join(", ", r.block()), r.trainExamples(), r.excludedTrain(), r.testExamples(), r.pairs(), pairing(r),
                r.hessianMethod(), r.directions().h().length, r.provenance().command()));
        page.heading("Decomposition");
        page.table(new String[] {"quantity", "value"}, rows(r));
        page.heading("Timings (s)");
        List<String[]> t = new ArrayList<>();
        for (Map.Entry<String, Double> e : r.timings().entrySet()) {
            t.add(new String[] {e.getKey(), String.format(Locale.ROOT, "%.3f", e.getValue())});
        }
        page.table(new String[] {"stage", "seconds"}, t);
        page.heading("Figures");
        for (Chart<?> chart : figures(r)) {
            page.figure(chart, "");
        }
        return page;
    }

    private static String pairing(DualityResult r) {
        if (r.options().allPairs()) {
            return "all same-class pairs";
        }
        return (r.options().neighbours() == 1 ? "nearest" : r.options().neighbours() + " nearest") + " same-class training example in "
                + r.options().space() + " space";
    }
}
