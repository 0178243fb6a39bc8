package org.gengeo.study.coherence;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * Experiment 2: label noise (0, 20, 50, 100%) against the winsorisation level c (0, 1, 2, 4, 8).
 * Reported per run: test accuracy, training accuracy on the noisy part (how much noise was
 * memorised), the train/test gap, and the adjusted overfit, defined here as the training accuracy on
 * the pristine examples minus the test accuracy (the gap with the noisy examples' effect removed).
 * 100% noise means fully random labels. c = 0 is plain SGD (momentum 0), trained as such.
 * Expected (spec): larger c memorises less of the noise and shrinks the gap.
 */
final class NoiseAndWinsorisation implements CoherenceExperiment {
    static final double[] NOISE = {0, 0.2, 0.5, 1.0};
    static final int[] LEVELS = {0, 1, 2, 4, 8};

    @Override
    public String name() {
        return "noise-winsor";
    }

    static String runName(double noise, int c) {
        return String.format(Locale.ROOT, "noise%d-c%d", Math.round(noise * 100), c);
    }

    @Override
    public Map<String, TrainConfig> runs(TrainConfig base, int stepsPerEpoch) {
        Map<String, TrainConfig> runs = new LinkedHashMap<>();
        for (double noise : NOISE) {
            TrainConfig noisy = noise >= 1 ? base.with("random-labels", true) : base.with("label-noise", noise);
            for (int c : LEVELS) {
                runs.put(runName(noise, c), c == 0 ? noisy.with("opt", "sgd") : noisy.with(Map.of("opt", "winsorized", "winsor", (double) c)));
            }
        }
        return runs;
    }

    @Override
    public StudySection analyse(Map<String, Path> runs) {
        CsvTable table = new CsvTable("noise", "c", "train_acc", "test_acc", "noisy_part_train_acc", "pristine_train_acc", "gap",
                "adjusted_overfit");
        StudySection section = new StudySection(name(), "2. Label noise and winsorised gradient descent",
                "Each coordinate of every example's gradient clipped to the [c, 100-c] percentile range of the minibatch before "
                + "averaging. Noisy-part accuracy: training accuracy on the examples whose labels were changed (memorisation). "
                + "Adjusted overfit: training accuracy on the pristine examples minus test accuracy.", table);
        LineChart test = new LineChart("Test accuracy", "winsorisation level c", "test accuracy");
        LineChart noisyPart = new LineChart("Training accuracy on the noisy examples", "winsorisation level c", "accuracy");
        LineChart gap = new LineChart("Train - test accuracy gap", "winsorisation level c", "gap");
        double lessMemorised = 0;
        double smallerGap = 0;
        int noisyLevels = 0;
        List<String> measured = new ArrayList<>();
        double[] x = new double[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            x[i] = LEVELS[i];
        }
        for (double noise : NOISE) {
            double[] t = new double[LEVELS.length];
            double[] np = new double[LEVELS.length];
            double[] g = new double[LEVELS.length];
            for (int i = 0; i < LEVELS.length; i++) {
                Path run = runs.get(runName(noise, LEVELS[i]));
                MetricsLine last = RunReadings.metrics(run).get(RunReadings.metrics(run).size() - 1);
                RunReadings.PartAccuracy parts = RunReadings.partAccuracy(run);
                t[i] = last.testAcc();
                np[i] = parts.corrupt();
                g[i] = last.trainAcc() - last.testAcc();
                table.row(noise, LEVELS[i], last.trainAcc(), last.testAcc(), parts.corrupt(), parts.pristine(), g[i],
                        parts.pristine() - last.testAcc());
            }
            String label = Math.round(noise * 100) + "% noise";
            test.add(label, x, t);
            gap.add(label, x, g);
            if (noise > 0) {
                noisyPart.add(label, x, np);
                noisyLevels++;
                int top = LEVELS.length - 1;
                lessMemorised += np[0] - np[top];
                smallerGap += g[0] - g[top];
                measured.add(String.format(Locale.ROOT, "%s: noisy-part accuracy %.3f (c=0) vs %.3f (c=8), gap %.3f vs %.3f, test %.3f vs %.3f",
                        label, np[0], np[top], g[0], g[top], t[0], t[top]));
                section.summary(label, Map.of("noisy_part_acc_c0", np[0], "noisy_part_acc_c8", np[top], "gap_c0", g[0], "gap_c8", g[top],
                        "test_acc_c0", t[0], "test_acc_c8", t[top]));
            }
        }
        section.figure(test).figure(noisyPart).figure(gap);
        String all = String.join("; ", measured);
        section.effect("winsor-memorises-less", "Stronger winsorisation memorises less of the noisy labels", "difference > 0",
                "training accuracy on the noisy examples at c = 0 minus at c = 8, mean over the noisy levels", lessMemorised / noisyLevels,
                Rule.above(0), all);
        section.effect("winsor-smaller-gap", "Stronger winsorisation shrinks the train/test gap under label noise", "difference > 0",
                "train - test accuracy gap at c = 0 minus at c = 8, mean over the noisy levels", smallerGap / noisyLevels, Rule.above(0), all);
        return section;
    }
}
