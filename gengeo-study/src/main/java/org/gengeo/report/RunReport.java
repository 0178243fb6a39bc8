package org.gengeo.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.duality.DualityResult;
import org.gengeo.margins.MarginsRecord;
import org.gengeo.measures.HessianResult;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.measures.SharpnessResult;
import org.gengeo.measures.VolumeResult;
import org.gengeo.measures.registry.MeasureRegistry;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.pergrad.Coherence;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.report.chart.BarChart;
import org.gengeo.report.chart.Chart;
import org.gengeo.report.chart.LineChart;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;
import org.gengeo.train.Artifact;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;

/**
 * The report of one run directory: a summary (outcome, final losses and accuracies, provenance),
 * the training curves from {@code metrics.jsonl} (with m-coherence per layer when it was logged),
 * then every analysis the directory holds, side by side, each with a sentence saying what it
 * measures and where it comes from: the Hessian's extreme eigenvalues and spectral density
 * ({@link HessianResult}), m-coherence per layer ({@link CoherenceRecord}), the margin distribution
 * ({@link MarginsRecord}), the registry's norm and sharpness measures ({@link MeasuresRecord}),
 * Keskar sharpness ({@link SharpnessResult}), the prior volume ({@link VolumeResult}), the
 * activity-weight duality ({@link DualityResult}), the loss landscape ({@link LandscapeResult}) and
 * learning times; then the config. A missing file is skipped; a corrupt one becomes a one-line error
 * naming it, and the rest of the report is still written.
 */
public final class RunReport {
    /** What the Hessian section shows, and where it comes from. */
    static final String HESSIAN_NOTE = "The largest eigenvalues of the Hessian of the training loss are the curvatures of its "
            + "sharpest directions at the trained weights; the spectral density shows how the curvature spreads over all "
            + "directions. Sharp minima were tied to poor generalization by Keskar et al. (2017); the eigenvalues come from "
            + "Lanczos iteration and the density from stochastic Lanczos quadrature, as in PyHessian (Yao et al. 2020) and "
            + "Ghorbani et al. (2019).";
    static final String COHERENCE_NOTE = "m-coherence says how much the per-example gradients agree: a step along one example's "
            + "gradient also lowers the loss of about m others. Chatterjee (2020) and Chatterjee and Zielinski (2022) argue that "
            + "such coherent gradients are why gradient descent generalizes; per layer it shows where the agreement lives.";
    static final String MARGINS_NOTE = "The normalised margin of an example is its correct-class output minus the largest other "
            + "output, divided by the product of the layers' weight norms; training margins shifted to larger values go with a "
            + "smaller generalization gap (Bartlett et al. 2017; Jiang et al. 2019; Banburski et al. 2021).";
    static final String MEASURES_NOTE = "Norm- and sharpness-based measures of the trained network, each a candidate predictor "
            + "of the generalization gap, as compared on thousands of networks by Jiang et al. (2020), \"Fantastic "
            + "generalization measures and where to find them\".";
    static final String SHARPNESS_NOTE = "Keskar sharpness is the largest rise of the training loss within a small box around the "
            + "weights, in percent (Keskar et al. 2017); with the Hessian's top eigenvalue, trace and Frobenius norm it is one of "
            + "the flatness measures compared with the prior volume by Zhang et al. (2021).";
    static final String VOLUME_NOTE = "log10 P(f) is the prior probability of the function the network computes on the training "
            + "and test inputs under the network's Gaussian-process (NNGP) prior; Zhang et al. (2021) find that this volume, "
            + "unlike sharpness, tracks generalization whatever the optimiser.";
    static final String DUALITY_NOTE = "The activity-weight duality maps a change of the input activity to an equivalent change "
            + "of the weights and splits the generalization loss into a sharpness and a size factor per direction (Feng and Tu "
            + "2022; Feng, Zhang and Tu 2023).";
    static final String LANDSCAPE_NOTE = "The loss along random filter-normalised directions through the trained weights (Li et "
            + "al. 2018); the trained weights are at alpha = beta = 0.";

    private RunReport() {}

    /** True when {@code dir} looks like a run directory (it has run.json or metrics.jsonl). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunDirectory.RUN.file())) || Files.isRegularFile(dir.resolve(RunDirectory.METRICS.file()));
    }

    /** What a section is drawn with: the page, the run's name and its epochs (for the learning-time histogram). */
    private record Context(HtmlPage page, String name, int epochs) {}

    /** Draws one record on the page. */
    @FunctionalInterface
    private interface Draw<T> {
        void draw(Context context, T record);
    }

    /** A section of the page: the record it shows, read as its artifact's type, and how it is drawn. */
    private record Section<T>(Artifact<T> artifact, Draw<T> draw) {
        /** Reads the record if the run has it and draws it; a failure becomes a one-line error on the page naming the file. */
        void show(RunDirectory run, Context context) {
            Path file = run.path(artifact);
            T value = context.page().readOrNote(file, () -> run.read(artifact));
            if (value != null) {
                context.page().readOrNote(file, () -> {
                    draw.draw(context, value);
                    return value;
                });
            }
        }
    }

    /** The analyses' sections, in page order, after the summary and the training curves. */
    private static final List<Section<?>> SECTIONS = List.of(
            new Section<>(RunArtifacts.HESSIAN, (c, h) -> {
                c.page().heading("Curvature: the Hessian").paragraph(HESSIAN_NOTE);
                figures(c.page(), CurvaturePages.hessianFigures(h), c.name());
            }),
            new Section<>(RunArtifacts.COHERENCE, RunReport::coherence),
            new Section<>(RunArtifacts.MARGINS, (c, m) -> {
                c.page().heading("Margin distribution").paragraph(MARGINS_NOTE);
                MarginPages.sections(c.page(), m.train(), m.test(), m.train().curve(), m.test().curve(), m.signature(), c.name());
                c.page().paragraph("The histograms are drawn from the " + m.train().curve().length + " quantiles kept in margins.json; "
                        + "margins.csv has every example's margin.");
            }),
            new Section<>(RunArtifacts.MEASURES, (c, m) -> measures(c.page(), m)),
            new Section<>(RunArtifacts.SHARPNESS, (c, r) -> sharpness(c.page(), r)),
            new Section<>(RunArtifacts.VOLUME, (c, r) -> volume(c.page(), r)),
            new Section<>(RunArtifacts.DUALITY, (c, r) -> {
                c.page().heading("Activity-weight duality").paragraph(DUALITY_NOTE);
                c.page().table(new String[] {"quantity", "value"}, DualityPages.rows(r));
                figures(c.page(), DualityPages.figures(r), c.name());
            }),
            new Section<>(RunArtifacts.LANDSCAPE, (c, l) -> {
                c.page().heading("Loss landscape").paragraph(LANDSCAPE_NOTE);
                figures(c.page(), CurvaturePages.landscapeFigures(l), c.name());
            }),
            new Section<>(RunDirectory.LEARNING_TIMES, (c, t) -> c.page().heading("Learning times")
                    .figure(LearningTimePage.figure(t, c.epochs()).about("run", c.name()), LearningTimePage.NOTE)));

    /** The records the page reads: run.json for the summary, then every section's. */
    static List<Artifact<?>> records() {
        List<Artifact<?>> out = new ArrayList<>(List.of(RunDirectory.RUN));
        SECTIONS.forEach(s -> out.add(s.artifact()));
        return out;
    }

    /** The report page of the run in {@code dir}; {@code provenance} says who made the page. */
    public static HtmlPage page(Path dir, Provenance provenance) {
        RunDirectory run = RunDirectory.open(dir);
        String name = dir.toString();
        HtmlPage page = new HtmlPage("Run report: " + dir);
        RunRecord record = page.readOrNote(run.run(), () -> run.read(RunDirectory.RUN));
        List<MetricsLine> metrics = page.readOrNote(run.metrics(), run::readMetrics);
        summary(page, dir, record, metrics == null || metrics.isEmpty() ? null : metrics.get(metrics.size() - 1));
        if (metrics != null && !metrics.isEmpty()) {
            curves(page, metrics, name);
        }
        int epochs = record != null ? record.epochs() : metrics == null || metrics.isEmpty() ? 0 : metrics.get(metrics.size() - 1).epoch();
        Context context = new Context(page, name, epochs);
        SECTIONS.forEach(s -> s.show(run, context));
        if (record != null) {
            List<String[]> config = new ArrayList<>();
            record.config().asMap().forEach((k, v) -> config.add(new String[] {k, String.valueOf(v)}));
            page.heading("Config");
            page.table(new String[] {"flag", "value"}, config);
        }
        page.about(provenance);
        return page;
    }

    private static void summary(HtmlPage page, Path dir, RunRecord record, MetricsLine lastLine) {
        page.heading("Summary");
        MetricsLine last = record != null && record.last() != null ? record.last() : lastLine;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", dir.toString()});
        if (record != null) {
            rows.add(new String[] {"outcome", record.outcome()});
            rows.add(new String[] {"message", record.message()});
            rows.add(new String[] {"steps", "" + record.steps()});
            rows.add(new String[] {"epochs", "" + record.epochs()});
        }
        if (last != null) {
            rows.add(new String[] {"final train loss", Numbers.table(last.trainLoss())});
            rows.add(new String[] {"final train accuracy", Numbers.table(last.trainAcc())});
            rows.add(new String[] {"final test loss", Numbers.table(last.testLoss())});
            rows.add(new String[] {"final test accuracy", Numbers.table(last.testAcc())});
            rows.add(new String[] {"generalization gap (train - test accuracy)", Numbers.table(last.trainAcc() - last.testAcc())});
        }
        if (record != null) {
            Provenance p = record.provenance();
            rows.add(new String[] {"started", record.startTime()});
            rows.add(new String[] {"ended", record.endTime()});
            rows.add(new String[] {"gengeo", p.gengeoVersion() + " (commit " + p.gitCommit() + ")"});
            rows.add(new String[] {"engine", p.engine() + ", " + p.threads() + " threads"});
            rows.add(new String[] {"java", p.java()});
            rows.add(new String[] {"command", p.command()});
        }
        page.table(new String[] {"", ""}, rows);
    }

    private static void curves(HtmlPage page, List<MetricsLine> metrics, String run) {
        int n = metrics.size();
        double[] step = new double[n];
        double[][] v = new double[4][n];
        for (int i = 0; i < n; i++) {
            MetricsLine m = metrics.get(i);
            step[i] = m.step();
            v[0][i] = m.trainLoss();
            v[1][i] = m.testLoss();
            v[2][i] = m.trainAcc();
            v[3][i] = m.testAcc();
        }
        page.heading("Training curves");
        page.figure(new LineChart("Loss", "step", "loss").about("run", run).add("train", step, v[0]).add("test", step, v[1]), "");
        page.figure(new LineChart("Accuracy", "step", "accuracy").about("run", run).add("train", step, v[2]).add("test", step, v[3]), "");
        List<MetricsLine> logged = metrics.stream().filter(m -> m.coherence() != null).toList();
        if (!logged.isEmpty()) {
            Set<String> layers = new LinkedHashSet<>();
            logged.forEach(m -> {
                if (m.coherenceLayers() != null) {
                    layers.addAll(m.coherenceLayers().keySet());
                }
            });
            double[] x = logged.stream().mapToDouble(MetricsLine::step).toArray();
            LineChart chart = new LineChart("m-coherence during training", "step", "m-coherence").markers(true).about("run", run)
                    .add("whole network", x, logged.stream().mapToDouble(MetricsLine::coherence).toArray());
            for (String layer : layers) {
                chart.add(layer, x, logged.stream().mapToDouble(m -> m.coherenceLayers() == null
                        ? Double.NaN : m.coherenceLayers().getOrDefault(layer, Double.NaN)).toArray());
            }
            page.figure(chart, "m-coherence of the per-example gradients on the fixed coherence sample (Chatterjee 2020).");
        }
    }

    private static void measures(HtmlPage page, MeasuresRecord m) {
        page.heading("Norms, sharpness and other measures").paragraph(MEASURES_NOTE);
        Map<String, String> what = new LinkedHashMap<>();
        MeasureRegistry.ALL.forEach(r -> what.put(r.name(), r.description()));
        List<String[]> rows = new ArrayList<>();
        m.measures().forEach((name, e) -> rows.add(new String[] {name, Numbers.table(e.value()), what.getOrDefault(name, ""), e.data(),
            details(e.parameters()), details(e.details()), String.format(Locale.ROOT, "%.2f", e.wallS())}));
        page.table(new String[] {"measure", "value", "what it is", "data", "parameters", "details", "seconds"}, rows);
    }

    private static void coherence(Context context, CoherenceRecord record) {
        HtmlPage page = context.page();
        Coherence.Result r = record.coherence();
        if (r == null || r.total() == null) {
            throw new GengeoException("no 'coherence' result");
        }
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("all", r.total().mCoherence());
        if (r.layers() != null) {
            r.layers().forEach((k, v) -> bars.put(k, v.mCoherence()));
        }
        page.heading("Coherence of the per-example gradients").paragraph(COHERENCE_NOTE);
        page.paragraph(String.format(Locale.ROOT, "m-coherence over %d %s examples.", r.examples(), record.on()));
        page.figure(new BarChart("m-coherence per layer", "layer", "m-coherence").about("run", record.run())
                .bars(bars.keySet().toArray(new String[0]), bars.values().stream().mapToDouble(Double::doubleValue).toArray())
                .valueLabels(bars.size() <= 12), "");
    }

    private static void sharpness(HtmlPage page, SharpnessResult r) {
        page.heading("Sharpness").paragraph(SHARPNESS_NOTE);
        page.table(new String[] {"quantity", "value"}, List.of(
                new String[] {"training loss L(w)", Numbers.table(r.loss())},
                new String[] {"Keskar sharpness (eps " + Numbers.table(r.options().eps()) + ")", Numbers.table(r.sharpness())},
                new String[] {"largest loss in the box", Numbers.table(r.maxLossInBox())},
                new String[] {"top Hessian eigenvalue", Numbers.table(r.topEigenvalue())},
                new String[] {"Hessian trace", Numbers.table(r.trace()) + " +- " + Numbers.table(r.traceError())},
                new String[] {"Hessian Frobenius norm", Numbers.table(r.hessianFrobenius()) + " +- " + Numbers.table(r.frobeniusError())},
                new String[] {"product of weight norms", Numbers.table(r.weightNormProduct())},
                new String[] {"examples, parameters", r.examples() + ", " + r.parameters()},
                new String[] {"seconds", Numbers.table(r.wallS())}));
    }

    private static void volume(HtmlPage page, VolumeResult r) {
        page.heading("Prior volume").paragraph(VOLUME_NOTE);
        List<String[]> rows = new ArrayList<>(List.of(
                new String[] {"log10 P(f) (EP)", Numbers.table(r.log10P())},
                new String[] {"EP", r.ep().iterations() + " sweeps, " + (r.ep().converged() ? "converged" : "not converged")},
                new String[] {"kernel", r.kernel()},
                new String[] {"points: training (true labels) + test (predicted)", r.trainPoints() + " + " + r.testPoints()},
                new String[] {"test accuracy", Numbers.table(r.testAccuracy())}));
        if (r.laplace() != null) {
            rows.add(new String[] {"log10 P(f) (Laplace)", Numbers.table(r.laplace().log10Z())});
        }
        page.table(new String[] {"quantity", "value"}, rows);
    }

    /** Figures about the run {@code run}, each naming it in its tooltips. */
    private static void figures(HtmlPage page, List<Chart<?>> charts, String run) {
        charts.forEach(c -> page.figure(c.about("run", run), ""));
    }

    private static String details(Map<String, Double> map) {
        if (map == null || map.isEmpty()) {
            return "";
        }
        List<String> kv = new ArrayList<>();
        map.forEach((k, v) -> kv.add(k + "=" + Numbers.table(v)));
        return String.join(", ", kv);
    }

}
