package org.gengeo.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.io.Json;
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

    /** One finished pruning run as stored in {@code pruning-runs/}, with the config and schedule that made it. */
    public record StoredRun(TrainConfig config, MarginPruning.Schedule schedule, MarginPruning.Result result) {}

    /**
     * Runs every selection rule for every seed on {@code data}'s training set, then the overlaps of the
     * low-margin subsets. Each finished run is stored in {@code runs/SELECTION-seed-S.json} and reused
     * by a later call with the same config and schedule (a different one runs again), so a killed study
     * continues where it stopped and adding seeds costs only the new runs.
     */
    public static PruningStudy pruning(TrainConfig config, DataSplit data, MarginPruning.Schedule schedule, List<Long> seeds, Path runs) {
        List<MarginPruning.Result> results = new ArrayList<>();
        for (MarginPruning.Selection sel : MarginPruning.Selection.values()) {
            for (long seed : seeds) {
                Path file = runs.resolve(sel.label() + "-seed-" + seed + ".json");
                StoredRun stored = Files.isRegularFile(file) ? Json.read(file, StoredRun.class) : null;
                if (stored == null || !stored.config().equals(config) || !stored.schedule().equals(schedule)) {
                    stored = new StoredRun(config, schedule, MarginPruning.run(config, data.train(), data.test(), sel, schedule, seed));
                    Json.write(file, stored);
                }
                results.add(stored.result());
            }
        }
        return overlaps(data.train().size(), schedule, results);
    }

    /** The study of finished runs: the pairwise overlaps of the low-margin runs' subsets and how often each example is kept. */
    static PruningStudy overlaps(int n, MarginPruning.Schedule schedule, List<MarginPruning.Result> runs) {
        List<MarginPruning.Result> low = runs.stream().filter(r -> r.selection() == MarginPruning.Selection.LOW_MARGIN).toList();
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
