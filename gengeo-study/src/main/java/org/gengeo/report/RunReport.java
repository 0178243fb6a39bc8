package org.gengeo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;
import org.gengeo.measures.HessianResult;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.measures.registry.MeasureRunner;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.pergrad.Coherence;
import org.gengeo.report.svg.BarChart;
import org.gengeo.report.svg.HtmlPage;
import org.gengeo.report.svg.LineChart;
import org.gengeo.train.LearningTimes;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;

/**
 * The report of one run directory: a summary (outcome, final losses and accuracies, provenance,
 * config), the training curves from {@code metrics.jsonl} (with m-coherence per layer when it was
 * logged), and every result file present: {@code measures.json}, {@code hessian.json},
 * {@code landscape.json}, {@code coherence.json}, {@code learning-times.json}. A missing file is
 * skipped; a corrupt one becomes a one-line error naming it, and the rest of the report is still
 * written.
 */
public final class RunReport {
    static final int W = 640;
    static final int H = 400;

    private RunReport() {}

    /** True when {@code dir} looks like a run directory (it has run.json or metrics.jsonl). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve("run.json")) || Files.isRegularFile(dir.resolve("metrics.jsonl"));
    }

    /** The report page of the run in {@code dir}; {@code provenance} says who made the page. */
    public static HtmlPage page(Path dir, Provenance provenance) {
        RunDirectory run = RunDirectory.open(dir);
        HtmlPage page = new HtmlPage("Run report: " + dir);
        RunRecord record = guarded(page, run.run(), () -> Json.read(run.run(), RunRecord.class));
        List<MetricsLine> metrics = guarded(page, run.metrics(), run::readMetrics);
        summary(page, dir, record, metrics == null || metrics.isEmpty() ? null : metrics.get(metrics.size() - 1));
        if (metrics != null && !metrics.isEmpty()) {
            curves(page, metrics);
        }
        Path measures = dir.resolve(MeasureRunner.FILE);
        show(page, measures, () -> MeasureRunner.read(measures), m -> measures(page, m));
        Path hessian = dir.resolve("hessian.json");
        show(page, hessian, () -> Json.read(hessian, HessianResult.class), h -> figures(page, "Hessian", CurvaturePages.hessianFigures(h)));
        Path landscape = dir.resolve("landscape.json");
        show(page, landscape, () -> Json.read(landscape, LandscapeResult.class),
                l -> figures(page, "Loss landscape", CurvaturePages.landscapeFigures(l)));
        Path coherence = dir.resolve("coherence.json");
        show(page, coherence, () -> tree(coherence), c -> coherence(page, coherence, c));
        int epochs = record != null ? record.epochs() : metrics == null || metrics.isEmpty() ? 0 : metrics.get(metrics.size() - 1).epoch();
        show(page, run.learningTimes(), () -> Json.read(run.learningTimes(), LearningTimes.Times.class),
                t -> page.heading("Learning times").figure(LearningTimePage.figure(t, epochs), LearningTimePage.NOTE));
        footer(page, provenance);
        return page;
    }

    /** The closing line: which gengeo made the page, and how. */
    static void footer(HtmlPage page, Provenance provenance) {
        page.heading("About this page");
        page.paragraph("Written by gengeo " + provenance.gengeoVersion() + " (commit " + provenance.gitCommit() + ") at "
                + provenance.createdAt() + ": " + provenance.command());
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
            rows.add(new String[] {"final train loss", fmt(last.trainLoss())});
            rows.add(new String[] {"final train accuracy", fmt(last.trainAcc())});
            rows.add(new String[] {"final test loss", fmt(last.testLoss())});
            rows.add(new String[] {"final test accuracy", fmt(last.testAcc())});
            rows.add(new String[] {"generalization gap (train - test accuracy)", fmt(last.trainAcc() - last.testAcc())});
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
        if (record != null) {
            List<String[]> config = new ArrayList<>();
            record.config().asMap().forEach((k, v) -> config.add(new String[] {k, String.valueOf(v)}));
            page.heading("Config");
            page.table(new String[] {"flag", "value"}, config);
        }
    }

    private static void curves(HtmlPage page, List<MetricsLine> metrics) {
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
        page.figure(new LineChart("Loss", "step", "loss").add("train", step, v[0]).add("test", step, v[1]).toSvg(W, H), "");
        page.figure(new LineChart("Accuracy", "step", "accuracy").add("train", step, v[2]).add("test", step, v[3]).toSvg(W, H), "");
        List<MetricsLine> logged = metrics.stream().filter(m -> m.coherence() != null).toList();
        if (!logged.isEmpty()) {
            Set<String> layers = new LinkedHashSet<>();
            logged.forEach(m -> {
                if (m.coherenceLayers() != null) {
                    layers.addAll(m.coherenceLayers().keySet());
                }
            });
            double[] x = logged.stream().mapToDouble(MetricsLine::step).toArray();
            LineChart chart = new LineChart("m-coherence during training", "step", "m-coherence").markers(true)
                    .add("whole network", x, logged.stream().mapToDouble(MetricsLine::coherence).toArray());
            for (String layer : layers) {
                chart.add(layer, x, logged.stream().mapToDouble(m -> m.coherenceLayers() == null
                        ? Double.NaN : m.coherenceLayers().getOrDefault(layer, Double.NaN)).toArray());
            }
            page.figure(chart.toSvg(W, H), "m-coherence of the per-example gradients on the fixed coherence sample (Chatterjee 2020).");
        }
    }

    private static void measures(HtmlPage page, MeasuresRecord m) {
        page.heading("Measures");
        List<String[]> rows = new ArrayList<>();
        m.measures().forEach((name, e) -> rows.add(new String[] {name, fmt(e.value()), e.data(), details(e.parameters()),
            details(e.details()), String.format(Locale.ROOT, "%.2f", e.wallS())}));
        page.table(new String[] {"measure", "value", "data", "parameters", "details", "seconds"}, rows);
    }

    private static void coherence(HtmlPage page, Path file, JsonNode root) {
        Coherence.Result r;
        try {
            r = Json.MAPPER.treeToValue(root.path("coherence"), Coherence.Result.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new GengeoException(file + ": not a valid coherence file: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (r == null || r.total() == null) {
            throw new GengeoException(file + ": no 'coherence' result");
        }
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("all", r.total().mCoherence());
        if (r.layers() != null) {
            r.layers().forEach((k, v) -> bars.put(k, v.mCoherence()));
        }
        page.heading("Coherence");
        page.paragraph(String.format(Locale.ROOT, "m-coherence of the per-example gradients over %d %s examples.", r.examples(),
                root.path("on").asText("?")));
        page.figure(new BarChart("m-coherence per layer", "layer", "m-coherence").bars(bars.keySet().toArray(new String[0]),
                bars.values().stream().mapToDouble(Double::doubleValue).toArray()).valueLabels(bars.size() <= 12).toSvg(W, H), "");
    }

    private static JsonNode tree(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new GengeoException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Reads {@code file} if it exists and shows it; a failure to read it becomes a one-line error on the page. */
    private static <T> void show(HtmlPage page, Path file, Supplier<T> read, Consumer<T> show) {
        T value = guarded(page, file, read);
        if (value != null) {
            show.accept(value);
        }
    }

    /** A section of figures. */
    private static void figures(HtmlPage page, String heading, List<String> svgs) {
        page.heading(heading);
        svgs.forEach(svg -> page.figure(svg, ""));
    }

    /** Runs {@code read}; a failure becomes a one-line error on the page naming {@code file}, and null. */
    static <T> T guarded(HtmlPage page, Path file, Supplier<T> read) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return read.get();
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            page.paragraph("Error: " + (msg.contains(file.getFileName().toString()) ? msg : file + ": " + msg));
            return null;
        }
    }

    private static String details(Map<String, Double> map) {
        if (map == null || map.isEmpty()) {
            return "";
        }
        List<String> kv = new ArrayList<>();
        map.forEach((k, v) -> kv.add(k + "=" + fmt(v)));
        return String.join(", ", kv);
    }

    /** A number for a table: whole numbers as integers, others to six significant digits without trailing zeros. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
