package org.gengeo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gengeo.measures.HessianResult;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.measures.LossLandscape;
import org.gengeo.report.chart.BarChart;
import org.gengeo.report.chart.Chart;
import org.gengeo.report.chart.DensityChart;
import org.gengeo.report.chart.HeatmapChart;
import org.gengeo.report.chart.LineChart;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;

/**
 * Self-contained HTML pages (inline SVG, no scripts, no network) for the curvature results of a
 * run: the eigenvalue bar chart and the spectral density of {@code gengeo hessian}, and the curves
 * or contour maps of {@code gengeo landscape}. Each page's figures can also be taken alone for the
 * run's report.
 */
public final class CurvaturePages {
    private static final int W = 640;
    private static final int H = 400;

    private CurvaturePages() {}

    /** The figures of a Hessian result: eigenvalue bars, then the density (linear and log scale) if present. */
    public static List<Chart<?>> hessianFigures(HessianResult r) {
        List<Chart<?>> figs = new ArrayList<>();
        int k = r.top().length + r.bottom().length;
        if (k > 0) {
            String[] labels = new String[k];
            double[] values = new double[k];
            for (int i = 0; i < r.top().length; i++) {
                labels[i] = "" + (i + 1);
                values[i] = r.top()[i];
            }
            for (int i = 0; i < r.bottom().length; i++) {
                labels[r.top().length + i] = "n-" + (r.bottom().length - 1 - i);
                values[r.top().length + i] = r.bottom()[i];
            }
            figs.add(new BarChart("Extreme eigenvalues of the " + name(r), "eigenvalue rank", "eigenvalue").bars(labels, values)
                    .valueLabels(k <= 12));
        }
        if (r.density() != null) {
            HessianResult.Density d = r.density();
            figs.add(new DensityChart("Spectral density (SLQ, " + d.runs() + " runs x " + d.steps() + " steps)", "eigenvalue", "density")
                    .curve(d.grid(), d.values()));
            figs.add(new DensityChart("Spectral density, log scale", "eigenvalue", "density").logY(true)
                    .curve(d.grid(), d.values()));
        }
        return figs;
    }

    /** A page for {@code gengeo hessian}. */
    public static HtmlPage hessianPage(HessianResult r) {
        HtmlPage page = new HtmlPage("Curvature of " + r.run());
        page.paragraph(String.format(Locale.ROOT, "%s of the mean training loss over %d examples with respect to %d parameters (%s), %s, "
                + "%d products, %.1f s. %s", name(r), r.examples(), r.dimension(), String.join(", ", r.block()), r.dtype(), r.products(),
                r.wallS(), r.provenance().command()));
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < r.top().length; i++) {
            rows.add(new String[] {"lambda_" + (i + 1), Numbers.table(r.top()[i]), Numbers.table(r.topResiduals()[i])});
        }
        for (int i = 0; i < r.bottom().length; i++) {
            rows.add(new String[] {"lambda_n-" + (r.bottom().length - 1 - i), Numbers.table(r.bottom()[i]), ""});
        }
        if (r.trace() != null) {
            rows.add(new String[] {"trace", Numbers.table(r.trace().value()), r.trace().exact() ? "exact" : "+- " + Numbers.table(r.trace().standardError())});
        }
        page.heading("Values");
        page.table(new String[] {"quantity", "value", "residual / error"}, rows);
        page.heading("Figures");
        for (Chart<?> chart : hessianFigures(r)) {
            page.figure(chart, "");
        }
        return page;
    }

    /** The figure of a landscape result: loss curves (1-D) or a contour map of the training loss (2-D). */
    public static List<Chart<?>> landscapeFigures(LandscapeResult r) {
        List<Chart<?>> figs = new ArrayList<>();
        String dirs = LossLandscape.describe(r.options());
        if (r.beta().length == 0) {
            figs.add(new LineChart("Loss along " + dirs, "alpha", "loss").add("train", r.alpha(), r.trainLoss()[0])
                    .add("test", r.alpha(), r.testLoss()[0]));
            figs.add(new LineChart("Accuracy along the same line", "alpha", "accuracy").add("train", r.alpha(), r.trainAcc()[0])
                    .add("test", r.alpha(), r.testAcc()[0]));
        } else {
            figs.add(new HeatmapChart("Training loss over " + dirs, "alpha", "beta").grid(r.alpha(), r.beta(), r.trainLoss())
                    .zLabel("train loss"));
            figs.add(new HeatmapChart("Test loss", "alpha", "beta").grid(r.alpha(), r.beta(), r.testLoss())
                    .zLabel("test loss"));
        }
        return figs;
    }

    /** A page for {@code gengeo landscape}. */
    public static HtmlPage landscapePage(LandscapeResult r) {
        HtmlPage page = new HtmlPage("Loss landscape of " + r.run());
        page.paragraph(String.format(Locale.ROOT, "%s slice along %s, %d points per axis over [-%s, %s], %.1f s. %s",
                r.beta().length == 0 ? "1-D" : "2-D", LossLandscape.describe(r.options()), r.options().points(),
                Numbers.table(r.options().span()), Numbers.table(r.options().span()), r.wallS(), r.provenance().command()));
        for (Chart<?> chart : landscapeFigures(r)) {
            page.figure(chart, "");
        }
        return page;
    }

    private static String name(HessianResult r) {
        return r.operator().equals("ggn") ? "Gauss-Newton matrix" : "Hessian";
    }
}
