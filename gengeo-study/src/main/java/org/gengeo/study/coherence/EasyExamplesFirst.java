package org.gengeo.study.coherence;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.io.CsvTable;
import org.gengeo.core.io.Json;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.pergrad.GradientAlignment;
import org.gengeo.report.chart.BarChart;
import org.gengeo.report.chart.LineChart;
import org.gengeo.findings.Rule;
import org.gengeo.stats.Correlations;
import org.gengeo.study.StudySection;
import org.gengeo.train.CoherenceProbe;
import org.gengeo.train.LearningTimes;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;

/**
 * Experiment 5: easy examples first. Under 20% label noise, each training example's learning time
 * (the first epoch at which it is classified correctly) against its gradient's alignment with the
 * mean gradient at initialisation, cos(g_i, sum_j g_j). Expected (spec): examples whose gradients
 * agree with the others are learnt first, so alignment and learning time are negatively rank
 * correlated, and the corrupt examples are learnt later than the pristine ones. Examples never
 * classified correctly get learning time "epochs + 1".
 */
final class EasyExamplesFirst implements CoherenceExperiment {
    static final double NOISE = 0.2;

    @Override
    public String name() {
        return "easy-first";
    }

    @Override
    public Map<String, TrainConfig> runs(TrainConfig base, int stepsPerEpoch) {
        return Map.of("noise20", base.with(Map.of("label-noise", NOISE, "learning-times", true)));
    }

    @Override
    public StudySection analyse(Map<String, Path> runs) {
        Path run = runs.get("noise20");
        LearningTimes.Times times = Json.read(RunDirectory.open(run).learningTimes(), LearningTimes.Times.class);
        double[] alignment;
        int[] corrupted;
        int epochs;
        try (LoadedRun r = LoadedRun.open(RunDirectory.open(run), null); Network initial = Trainer.initialNetwork(r.config());
             NDManager memory = TensorEngine.newManager()) {
            corrupted = CoherenceProbe.corrupted(r.data());
            epochs = RunDirectory.open(run).readRun().epochs();
            alignment = GradientAlignment.withMean(initial, new DeviceData(r.data().train(), memory, initial.precision()),
                    Loss.forOutputs(initial.architecture().outputs()), 250);
        }
        int n = alignment.length;
        double never = epochs + 1;
        double[] learnt = new double[n];
        CsvTable table = new CsvTable("example", "corrupt", "first_correct_epoch", "last_became_correct_epoch", "alignment_at_init");
        for (int i = 0; i < n; i++) {
            boolean corrupt = Arrays.binarySearch(corrupted, i) >= 0;
            learnt[i] = times.firstCorrect()[i] < 0 ? never : times.firstCorrect()[i];
            table.row(i, corrupt, times.firstCorrect()[i], times.lastBecameCorrect()[i], alignment[i]);
        }
        StudySection section = new StudySection(name(), "5. Easy examples first (20% label noise)",
                "Learning time: the first epoch after which an example is classified correctly (epoch 0 = before training; "
                + "never learnt = epochs + 1). Alignment: cosine between the example's gradient and the sum of all examples' "
                + "gradients, at initialisation.", table);
        double[] epochAxis = new double[epochs + 2];
        double[] pristineShare = new double[epochs + 2];
        double[] corruptShare = new double[epochs + 2];
        double[] meanAlignment = new double[epochs + 2];
        int[] count = new int[epochs + 2];
        for (int e = 0; e < epochAxis.length; e++) {
            epochAxis[e] = e;
        }
        int corruptCount = corrupted.length;
        for (int i = 0; i < n; i++) {
            int e = (int) learnt[i];
            boolean corrupt = Arrays.binarySearch(corrupted, i) >= 0;
            if (corrupt) {
                corruptShare[e] += 1.0 / corruptCount;
            } else {
                pristineShare[e] += 1.0 / (n - corruptCount);
            }
            if (Double.isFinite(alignment[i])) {
                meanAlignment[e] += alignment[i];
                count[e]++;
            }
        }
        for (int e = 0; e < meanAlignment.length; e++) {
            meanAlignment[e] = count[e] == 0 ? Double.NaN : meanAlignment[e] / count[e];
        }
        String[] epochLabels = new String[epochs + 2];
        for (int e = 0; e < epochLabels.length; e++) {
            epochLabels[e] = e <= epochs ? Integer.toString(e) : "never";
        }
        section.figure(new BarChart("Learning-time histogram", "first epoch correct", "fraction of the group").categories(epochLabels)
                .add("pristine", pristineShare).add("corrupt", corruptShare));
        section.figure(new LineChart("Alignment with the mean gradient at initialisation, by learning time", "first epoch correct",
                "mean cos(g_i, g)").markers(true).add("all examples", epochAxis, meanAlignment));
        double[] finiteAlignment = Arrays.stream(alignment).map(a -> Double.isFinite(a) ? a : 0).toArray();
        double rho = Correlations.spearman(finiteAlignment, learnt);
        double pristineMedian = median(learnt, corrupted, false);
        double corruptMedian = median(learnt, corrupted, true);
        section.summary("spearman_alignment_vs_learning_time", rho).summary("median_learning_time_pristine", pristineMedian)
                .summary("median_learning_time_corrupt", corruptMedian).summary("epochs", epochs);
        section.effect("aligned-first", "Examples whose gradients align with the mean gradient are learnt first", "rank correlation < 0",
                "Spearman rho of cos(g_i, g) at initialisation with learning time", rho, Rule.below(0),
                String.format(Locale.ROOT, "Spearman rank correlation of alignment at initialisation with learning time: %.3f", rho));
        section.effect("corrupt-later", "Corrupt (mislabelled) examples are learnt later than pristine ones", "difference > 0",
                "median learning time of corrupt minus pristine examples (epochs; never learnt counts as " + (long) never + ")",
                corruptMedian - pristineMedian, Rule.above(0),
                String.format(Locale.ROOT, "median learning time %.1f epochs (pristine) vs %.1f (corrupt; %.0f = never)", pristineMedian,
                        corruptMedian, never));
        return section;
    }

    private static double median(double[] learnt, int[] corrupted, boolean corrupt) {
        return RunReadings.median(java.util.stream.IntStream.range(0, learnt.length)
                .filter(i -> (Arrays.binarySearch(corrupted, i) >= 0) == corrupt).mapToDouble(i -> learnt[i]).toArray());
    }
}
