package org.gengeo.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.Provenance;
import org.gengeo.core.tensor.Precision;
import org.gengeo.duality.DualityAnalysis;
import org.gengeo.duality.DualityOptions;
import org.gengeo.duality.DualityResult;
import org.gengeo.margins.MarginsRecord;
import org.gengeo.measures.MarginsAnalysis;
import org.gengeo.measures.Sharpness;
import org.gengeo.measures.SharpnessOptions;
import org.gengeo.measures.SharpnessResult;
import org.gengeo.measures.VolumeOptions;
import org.gengeo.measures.VolumeResult;
import org.gengeo.nngp.MarginalLikelihood;
import org.gengeo.pergrad.Coherence;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import org.gengeo.core.io.Json;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.HessianResult;
import org.gengeo.measures.LandscapeOptions;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.train.LearningTimes;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;
import org.w3c.dom.Document;

/** Run directories for the report tests: a tiny real run on Gaussian data, plus result files with known values. */
public final class ReportFixture {
    static final double FROBENIUS = 12.345678;
    static final double[] TOP = {3.5, 2.25, 1.125};

    private ReportFixture() {}

    /** Trains 3 epochs of a tiny MLP into {@code dir}, logging m-coherence and learning times. */
    static RunRecord train(Path dir, double lr) {
        TrainConfig c = TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 120, "test-size", 60, "model",
                "mlp:20-8-10", "epochs", 3, "batch", 30, "lr", lr, "coherence-every", 2, "learning-times", true, "threads", 1));
        return Trainer.train(c, dir, "test", TrainingListener.NONE);
    }

    /** Writes measures.json, hessian.json, landscape.json and coherence.json with known values into {@code dir}. */
    static void writeResults(Path dir) {
        Provenance p = Provenance.current("test");
        Map<String, MeasuresRecord.Entry> m = new LinkedHashMap<>();
        m.put("frobenius-norm", new MeasuresRecord.Entry(FROBENIUS, Map.of(), Map.of(), "none", 0.01, p));
        m.put("hessian-top", new MeasuresRecord.Entry(TOP[0], Map.of("residual", 1e-4), Map.of("iterations", 30.0), "train", 0.5, p));
        RunDirectory.open(dir).write(RunArtifacts.MEASURES, new MeasuresRecord(dir.toString(), m));
        HessianResult.Density d = new HessianResult.Density(new double[] {-1, 0, 1, 2, 3, 4}, new double[] {0.01, 0.5, 0.2, 0.1, 0.05, 0.01},
                0.01, 2, 10, 0.5, 1.0, new double[] {0.5, 1.5}, new double[] {0.5, 0.5}, new int[] {0, 1, 2});
        RunDirectory.open(dir).write(RunArtifacts.HESSIAN, new HessianResult(p, dir.toString(), HessianOptions.defaults(), "hessian", List.of("fc0"),
                20, 120, "float32", TOP, new double[] {1e-6, 1e-6, 1e-6}, new double[] {-0.5}, null, d, null, 100, 1.0, null));
        double[] alpha = {-1, 0, 1};
        RunDirectory.open(dir).write(RunArtifacts.LANDSCAPE, new LandscapeResult(p, dir.toString(), LandscapeOptions.defaults(), alpha,
                new double[0], new double[][] {{3, 1, 4}}, new double[][] {{3.5, 1.5, 4.5}}, new double[][] {{0.1, 0.9, 0.2}},
                new double[][] {{0.1, 0.8, 0.2}}, new double[] {1.0}, 0.2));
        Map<String, Coherence.Value> layers = new LinkedHashMap<>();
        layers.put("fc0", value(6.25));
        layers.put("fc1", value(9.75));
        RunDirectory.open(dir).write(RunArtifacts.COHERENCE, new CoherenceRecord(p, dir.toString(), "train", 0,
                new Coherence.Result(100, value(7.5), layers, List.of()), null));
    }

    /**
     * Writes margins.json, sharpness.json and duality.json computed on the run by the library's
     * analyses (small sizes), and a volume.json with known values (the prior volume needs a binary
     * model; the report only reads its record).
     */
    static void writeAnalyses(Path dir) {
        Provenance p = Provenance.current("test");
        try (LoadedRun run = LoadedRun.open(RunDirectory.open(dir), null)) {
            RunDirectory.open(dir).write(RunArtifacts.MARGINS, MarginsAnalysis.run(run, MarginsAnalysis.Options.defaults(), dir.toString(), p)
                    .record());
            RunDirectory.open(dir).write(RunArtifacts.SHARPNESS, Sharpness.run(run.network(), run.data().train(),
                    new SharpnessOptions(1e-3, 5, 0.1, 0, 1000, true, 10, 4), dir.toString(), p));
        }
        try (LoadedRun run = LoadedRun.open(RunDirectory.open(dir), Precision.FLOAT64)) {
            RunDirectory.open(dir).write(RunArtifacts.DUALITY, DualityAnalysis.run(run.network(), run.data().train(), run.data().test(),
                    DualityOptions.defaults(), dir.toString(), p, 0));
        }
        RunDirectory.open(dir).write(RunArtifacts.VOLUME, new VolumeResult(p, dir.toString(), VolumeOptions.defaults(), "analytic", 120, 60,
                0.75, -41.5, LOG10_P, new MarginalLikelihood("ep", 180, -41.5, LOG10_P, 12, true, 1e-6, 100, 1e-8), null, 0, 0, 0.1, 0.2,
                0));
    }

    static final double LOG10_P = -18.0234;

    private static Coherence.Value value(double m) {
        return new Coherence.Value(1 / m, m, 0.5);
    }

    /** Writes learning times of 4 examples (first correct and last turned correct at the given epochs). */
    static void writeLearningTimes(Path dir) {
        Json.write(dir.resolve("learning-times.json"), new LearningTimes.Times(new int[] {0, 1, -1, 3}, new int[] {0, 2, -1, 3}));
    }

    /** Parses {@code html} as XML (the pages are polyglot markup). */
    public static Document xml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** The titles of the page's figures (the aria-label of each plot). */
    public static List<String> chartTitles(Document doc) {
        var divs = doc.getElementsByTagName("div");
        List<String> titles = new java.util.ArrayList<>();
        for (int i = 0; i < divs.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) divs.item(i);
            if (e.getAttribute("class").equals("plot")) {
                titles.add(e.getAttribute("aria-label"));
            }
        }
        return titles;
    }

    /** The series names of the figure titled {@code title}, from the option embedded in the page. */
    static List<String> seriesNames(Document doc, String title) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        spec(doc, title).get("variants").get(0).get("option").get("series").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    /** The embedded spec (title, variants of ECharts options) of the figure titled {@code title}. */
    public static com.fasterxml.jackson.databind.JsonNode spec(Document doc, String title) throws Exception {
        var scripts = doc.getElementsByTagName("script");
        for (int i = 0; i < scripts.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) scripts.item(i);
            if (e.getAttribute("type").equals("application/json")) {
                var spec = Json.MAPPER.readTree(e.getTextContent());
                if (spec.get("title").asText().equals(title)) {
                    return spec;
                }
            }
        }
        throw new AssertionError("no figure titled " + title);
    }

    /** The table rows of the page as lists of cell texts. */
    public static List<List<String>> rows(Document doc) {
        var trs = doc.getElementsByTagName("tr");
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < trs.getLength(); i++) {
            var tds = ((org.w3c.dom.Element) trs.item(i)).getElementsByTagName("td");
            List<String> cells = new java.util.ArrayList<>();
            for (int j = 0; j < tds.getLength(); j++) {
                cells.add(tds.item(j).getTextContent());
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        return rows;
    }
}
