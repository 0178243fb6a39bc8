package org.gengeo.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.NDManager;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.margins.MarginPruning;
import org.gengeo.margins.MarginSummary;
import org.gengeo.margins.Margins;
import org.gengeo.stats.Correlations;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;

/**
 * The experiments of the margin spec (Banburski et al. 2021): (1) margin-curve area against test
 * error over a family of networks trained to 100% training accuracy, with baselines; (2) dynamic
 * pruning after separation with its random and keep-highest controls; (3) overlap of the low-margin
 * subsets across seeds at equal size against the chance level k/N.
 */
public final class MarginStudies {
    private MarginStudies() {}

    /** One network of the area study: its settings, margins summary and test error. */
    public record AreaPoint(String name, String model, double labelNoise, double weightDecay, long seed, double trainAccuracy,
                            double testError, MarginSummary margins) {}

    /** Coefficients of one predictor against test error. */
    public record Association(String predictor, double pearson, double spearman, double kendall) {}

    /** Study 1's result. */
    public record AreaStudy(List<AreaPoint> networks, List<Association> associations) {}

    /**
     * Trains every config (each into {@code out/name}) until 100% training accuracy or its epoch cap,
     * then measures its normalised training margins (weights only).
     */
    public static AreaStudy area(Map<String, TrainConfig> configs, Path out, String command) {
        List<AreaPoint> points = new ArrayList<>();
        for (Map.Entry<String, TrainConfig> e : configs.entrySet()) {
            TrainConfig c = e.getValue();
            RunRecord r = Trainer.train(c, out.resolve(e.getKey()), command, TrainingListener.NONE);
            try (LoadedRun run = LoadedRun.open(RunDirectory.open(out.resolve(e.getKey())), null);
                 NDManager m = TensorEngine.newManager()) {
                MarginSummary s = MarginSummary.of(Margins.of(run.network(), new DeviceData(run.data().train(), m,
                        run.network().precision()), false), -1, 1);
                points.add(new AreaPoint(e.getKey(), c.model(), c.labelNoise(), c.weightDecay(), c.seed(), r.last().trainAcc(),
                        1 - r.last().testAcc(), s));
            }
        }
        double[] err = points.stream().mapToDouble(AreaPoint::testError).toArray();
        Map<String, double[]> predictors = new LinkedHashMap<>();
        predictors.put("area", points.stream().mapToDouble(p -> p.margins().area()).toArray());
        predictors.put("min margin", points.stream().mapToDouble(p -> p.margins().minMargin()).toArray());
        predictors.put("median margin", points.stream().mapToDouble(p -> p.margins().medianMargin()).toArray());
        predictors.put("unnormalised area", points.stream().mapToDouble(p -> p.margins().unnormalisedArea()).toArray());
        predictors.put("CDF area [-1, 1]", points.stream().mapToDouble(p -> p.margins().cdfArea()).toArray());
        List<Association> assoc = new ArrayList<>();
        for (Map.Entry<String, double[]> p : predictors.entrySet()) {
            assoc.add(new Association(p.getKey(), Correlations.pearson(p.getValue(), err), Correlations.spearman(p.getValue(), err),
                    Correlations.kendallTau(p.getValue(), err)));
        }
        return new AreaStudy(points, assoc);
    }

    /** Overlap of two seeds' subsets after one reduction: Jaccard, |A n B| / k and the chance level k / N. */
    public record Overlap(int reduction, int size, long seedA, long seedB, double jaccard, double intersectionOverK, double chance) {}

    /** Study 2 and 3's result: every run, and the pairwise overlaps of the low-margin runs. */
    public record PruningStudy(int trainSize, MarginPruning.Schedule schedule, List<MarginPruning.Result> runs, List<Overlap> overlaps,
                               double[] keptFrequencyAtLastReduction) {}

    /** Runs every selection rule for every seed on {@code data}'s training set, then the overlaps of the low-margin subsets. */
    public static PruningStudy pruning(TrainConfig config, DataSplit data, MarginPruning.Schedule schedule, List<Long> seeds) {
        List<MarginPruning.Result> runs = new ArrayList<>();
        for (MarginPruning.Selection sel : MarginPruning.Selection.values()) {
            for (long seed : seeds) {
                runs.add(MarginPruning.run(config, data.train(), data.test(), sel, schedule, seed));
            }
        }
        List<MarginPruning.Result> low = runs.stream().filter(r -> r.selection() == MarginPruning.Selection.LOW_MARGIN).toList();
        int n = data.train().size();
        List<Overlap> overlaps = new ArrayList<>();
        for (int a = 0; a < low.size(); a++) {
            for (int b = a + 1; b < low.size(); b++) {
                int steps = Math.min(low.get(a).subsets().size(), low.get(b).subsets().size());
                for (int s = 0; s < steps; s++) {
                    int[] x = low.get(a).subsets().get(s);
                    int[] y = low.get(b).subsets().get(s);
                    int common = intersection(x, y);
                    overlaps.add(new Overlap(s + 1, x.length, low.get(a).seed(), low.get(b).seed(),
                            (double) common / (x.length + y.length - common), (double) common / x.length, (double) x.length / n));
                }
            }
        }
        double[] freq = new double[n];
        for (MarginPruning.Result r : low) {
            if (!r.subsets().isEmpty()) {
                for (int i : r.subsets().get(r.subsets().size() - 1)) {
                    freq[i] += 1.0 / low.size();
                }
            }
        }
        return new PruningStudy(n, schedule, runs, overlaps, freq);
    }

    /** |A n B| of two sorted index arrays. */
    static int intersection(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int c = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                c++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return c;
    }

    /** Loads the data of {@code config} (its data name, sizes and seed). */
    public static DataSplit data(TrainConfig config) {
        return DataSources.load(config.dataConfig());
    }
}
