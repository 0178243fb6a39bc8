package org.gengeo.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.gengeo.core.io.CsvTable;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.chart.ScatterChart;
import org.gengeo.findings.FindingsTable;
import org.gengeo.findings.StudyFindings;

/** index.html and flatness.csv of the flatness study. */
public final class FlatnessPage {
    private static final int W = 520;
    private static final int H = 360;

    private FlatnessPage() {}

    /** One row per network, every measure as a column. */
    public static CsvTable csv(FlatnessStudyResult r) {
        CsvTable t = new CsvTable("optimiser", "attack", "seed", "epochs", "train_acc", "test_acc", "log10_p", "log10_p_scaled",
                "ep_sweeps", "sharpness", "sharpness_scaled", "lambda_max", "lambda_max_scaled", "trace", "trace_scaled",
                "hessian_frobenius", "hessian_frobenius_scaled", "weight_norm_product", "output_difference", "held_out_test_acc",
                "held_out_log10_p", "stopped_on", "run");
        for (FlatnessRow x : r.rows()) {
            t.row(x.optimiser(), x.attack(), x.seed(), x.epochs(), x.trainAcc(), x.testAcc(), x.log10P(), x.scaledLog10P(),
                    x.epSweeps(), x.sharpness(), x.sharpnessScaled(), x.topEigenvalue(), x.topEigenvalueScaled(), x.trace(),
                    x.traceScaled(), x.frobenius(), x.frobeniusScaled(), x.weightNorms(), x.outputDifference(), x.heldOutTestAcc(),
                    x.heldOutLog10P(), x.stoppedOn(), x.run());
        }
        return t;
    }

    /** The report page: findings, the Kendall tau table, and the scatter plots per optimiser. */
    public static HtmlPage html(FlatnessStudyResult r) {
        FlatnessStudyOptions o = r.options();
        HtmlPage page = new HtmlPage("Flatness versus prior volume");
        page.paragraph(String.format(Locale.ROOT, "Binary %s (classes 0-4 vs 5-9), |S| = %d, |E| = %d, %s, attack sizes %s, %d seeds, "
                + "trained to 100%% training accuracy on %s (cap %d epochs); SGD lr %s batch %d, Adam lr %s, Entropy-SGD eta %.4g with "
                + "L = %d, gamma = %s, eta' = %s, epsilon = %s, alpha = %s (an epoch: ceil(N / batch) outer steps of L minibatches each). Sharpness: Keskar eps = %s, "
                + "%d ascent steps on %s. log10 P(f) by EP under the arc-cosine NNGP kernel (sigma_w^2 = 2, sigma_b^2 = 1). "
                + "Alpha-scaling of fc0/fc1 with alpha = %s. %d networks in %.0f s. %s", o.data(), o.trainSize(), o.testSize(),
                o.model(), java.util.Arrays.toString(o.attacks()), o.seeds(), o.stopOn().equals("S") ? "S" : "S u A", o.maxEpochs(), o.sgdLr(), o.batch(), o.adamLr(), o.esgdLr(),
                o.esgd().innerSteps(), o.esgd().gamma(), o.esgd().innerLr(), o.esgd().noise(), o.esgd().alpha(), o.eps(),
                o.sharpnessSteps(), o.measureOn(), o.alpha(), r.rows().size(), r.wallS(), r.provenance().command()));
        page.heading("Findings of the paper, checked");
        new FindingsTable(List.of(new StudyFindings("flatness", r.provenance(), r.findings()))).addTo(page);
        page.heading("Kendall tau with test accuracy");
        List<String[]> rows = new ArrayList<>();
        List<String> groups = FlatnessStudy.groups(o);
        for (String measure : FlatnessStudy.measures().keySet()) {
            String[] row = new String[1 + groups.size()];
            row[0] = measure;
            for (int i = 0; i < groups.size(); i++) {
                row[i + 1] = String.format(Locale.ROOT, "%.3f", FlatnessFindings.tau(r.correlations(), groups.get(i), measure));
            }
            rows.add(row);
        }
        String[] header = new String[1 + groups.size()];
        header[0] = "measure";
        for (int i = 0; i < groups.size(); i++) {
            header[i + 1] = FlatnessFindings.label(groups.get(i));
        }
        page.table(header, rows);
        for (String opt : o.optimisers()) {
            List<FlatnessRow> mine = r.rows().stream().filter(x -> x.optimiser().equals(opt)).toList();
            page.heading(FlatnessFindings.label(opt));
            page.figure(scatter("Test accuracy vs log10 P(f) (" + opt + ")", "log10 P(f)", mine,
                    FlatnessRow::log10P, FlatnessRow::scaledLog10P, false), "Each point is one network; the rescaled networks "
                    + "(alpha = " + o.alpha() + ") sit exactly on the originals: P(f) is a property of the function.");
            page.figure(scatter("Test accuracy vs sharpness (" + opt + ")", "Keskar sharpness", mine,
                    FlatnessRow::sharpness, FlatnessRow::sharpnessScaled, true), "Sharpness before and after alpha-scaling (log axis).");
            page.figure(scatter("Test accuracy vs top Hessian eigenvalue (" + opt + ")", "lambda_max", mine,
                    FlatnessRow::topEigenvalue, FlatnessRow::topEigenvalueScaled, true), "lambda_max before and after alpha-scaling.");
        }
        return page;
    }

    private static ScatterChart scatter(String title, String xLabel, List<FlatnessRow> rows, ToDoubleFunction<FlatnessRow> before,
                                  ToDoubleFunction<FlatnessRow> after, boolean logX) {
        double[] acc = rows.stream().mapToDouble(FlatnessRow::testAcc).toArray();
        Map<String, String[]> labels = new LinkedHashMap<>();
        labels.put("run", rows.stream().map(FlatnessRow::run).toArray(String[]::new));
        labels.put("|A|", rows.stream().map(x -> Integer.toString(x.attack())).toArray(String[]::new));
        labels.put("seed", rows.stream().map(x -> Integer.toString(x.seed())).toArray(String[]::new));
        return new ScatterChart(title, xLabel, "test accuracy")
                .add("trained", rows.stream().mapToDouble(before).toArray(), acc, labels)
                .add("alpha-scaled", rows.stream().mapToDouble(after).toArray(), acc, labels)
                .logX(logX).colourBy("|A|").colourBy("seed");
    }
}
