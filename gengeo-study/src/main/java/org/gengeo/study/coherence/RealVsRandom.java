package org.gengeo.study.coherence;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.io.CsvTable;
import org.gengeo.report.chart.LineChart;
import org.gengeo.findings.Rule;
import org.gengeo.study.StudySection;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.TrainConfig;

/**
 * Experiment 1: m-coherence over training with real and with random labels, in total and per
 * layer, beside train and test accuracy. Expected (spec): real labels start high (tens) and fall as
 * examples are fitted; random labels stay near 1. Levels are compared by the median over the logged
 * steps after initialisation, which single spikes of SGD at a large learning rate do not move.
 */
final class RealVsRandom implements CoherenceExperiment {
    @Override
    public String name() {
        return "real-vs-random";
    }

    @Override
    public Map<String, TrainConfig> runs(TrainConfig base, int stepsPerEpoch) {
        TrainConfig logged = base.with("coherence-every", Math.max(1, stepsPerEpoch / 2));
        Map<String, TrainConfig> runs = new LinkedHashMap<>();
        runs.put("real", logged);
        runs.put("random", logged.with("random-labels", true));
        return runs;
    }

    @Override
    public StudySection analyse(Map<String, Path> runs) {
        CsvTable table = new CsvTable("labels", "step", "epoch", "train_acc", "test_acc", "m_coherence", "layer", "layer_m_coherence");
        LineChart total = new LineChart("m-coherence of per-example gradients", "step", "m-coherence").logY(true);
        LineChart accuracy = new LineChart("Accuracy", "step", "accuracy");
        StudySection section = new StudySection(name(), "1. Real versus random labels",
                "m-coherence (||sum g_i||^2 / sum ||g_i||^2, 1 = orthogonal, m = identical) of per-example gradients on a fixed "
                + "sample of training examples over training, with real and with random labels.", table);
        Map<String, double[]> peaks = new LinkedHashMap<>();
        for (Map.Entry<String, Path> run : runs.entrySet()) {
            String labels = run.getKey();
            List<MetricsLine> all = RunReadings.metrics(run.getValue());
            List<MetricsLine> lines = RunReadings.withCoherence(all);
            double[] step = RunReadings.column(lines, MetricsLine::step);
            double[] coherence = RunReadings.column(lines, MetricsLine::coherence);
            total.add(labels + " labels", step, coherence);
            accuracy.add(labels + " train", RunReadings.column(all, MetricsLine::step), RunReadings.column(all, MetricsLine::trainAcc));
            accuracy.add(labels + " test", RunReadings.column(all, MetricsLine::step), RunReadings.column(all, MetricsLine::testAcc));
            LineChart layers = new LineChart("m-coherence per layer, " + labels + " labels", "step", "m-coherence").logY(true);
            for (String layer : lines.get(0).coherenceLayers().keySet()) {
                layers.add(layer, step, lines.stream().mapToDouble(l -> l.coherenceLayers().get(layer)).toArray());
            }
            section.figure(layers);
            for (MetricsLine l : lines) {
                for (Map.Entry<String, Double> e : l.coherenceLayers().entrySet()) {
                    table.row(labels, l.step(), l.epoch(), l.trainAcc(), l.testAcc(), l.coherence(), e.getKey(), e.getValue());
                }
            }
            double[] trained = Arrays.copyOfRange(coherence, 1, coherence.length);
            double[] summary = {RunReadings.max(coherence), RunReadings.last(coherence), RunReadings.last(
                    RunReadings.column(all, MetricsLine::trainAcc)), coherence[0], RunReadings.median(trained)};
            peaks.put(labels, summary);
            section.summary(labels, Map.of("peak_m_coherence", summary[0], "final_m_coherence", summary[1], "final_train_acc", summary[2],
                    "initial_m_coherence", summary[3], "median_m_coherence_during_training", summary[4]));
        }
        section.figure(total).figure(accuracy);
        double[] real = peaks.get("real");
        double[] random = peaks.get("random");
        section.effect("coherence-real-over-random", "Real labels give more coherent per-example gradients than random labels",
                "ratio > 1 (ResNet-50 on ImageNet: peak about 40 with real labels, below 5 with random ones)",
                "median m-coherence during training, real / random labels", real[4] / random[4], Rule.above(1),
                String.format(Locale.ROOT, "median m-coherence during training %.1f (real) vs %.1f (random), ratio %.1f; peaks %.1f and %.1f",
                        real[4], random[4], real[4] / random[4], real[0], random[0]));
        section.effect("coherence-random-near-one", "With random labels m-coherence stays near 1", "below 5 even for ResNet-50 on ImageNet",
                "median m-coherence during training, random labels", random[4], Rule.below(5),
                String.format(Locale.ROOT, "median during training %.2f, final %.2f (at initialisation %.2f, where every example's gradient "
                        + "shares the untrained outputs' push towards the label frequencies)", random[4], random[1], random[3]));
        section.effect("coherence-real-falls", "With real labels m-coherence falls as the examples are fitted", "final / peak < 1",
                "final / peak m-coherence, real labels", real[1] / real[0], Rule.below(1),
                String.format(Locale.ROOT, "from a peak of %.1f to %.1f at the end (train accuracy %.3f)", real[0], real[1], real[2]));
        return section;
    }
}
