package org.gengeo.study;

import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.margins.MarginPruning;
import org.gengeo.train.TrainConfig;

/**
 * Experiments 2 and 3 of the margin spec (Banburski et al. 2021): dynamic pruning after separation
 * with its random and keep-highest controls, and the overlap of the low-margin subsets across seeds at
 * equal size against the chance level k/N. Experiment 1 is {@link MarginAreaStudy}, experiment 4
 * {@link SignatureZooStudy}.
 */
public final class MarginStudies {
    private MarginStudies() {}

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
