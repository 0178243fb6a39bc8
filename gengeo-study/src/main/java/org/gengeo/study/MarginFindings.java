package org.gengeo.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.gengeo.core.Seeds;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Rule;
import org.gengeo.margins.MarginPruning;
import org.gengeo.stats.Bootstrap;
import org.gengeo.stats.Correlations;

/**
 * The margin paper's claims (Banburski et al. 2021, read as in the margin spec) as {@link Finding}s.
 *
 * <p>Pruning (spec section 3), per seed and paired by seed (every selection rule of a seed trains the
 * same network up to separation): the low-margin run's final test accuracy minus its accuracy at
 * separation, which is the control that simply stops training there ("reduced by more than 99% without
 * a significant loss", read as a drop of less than {@link #NO_SIGNIFICANT_LOSS}); and the low-margin
 * run's final test accuracy minus the random and the keep-highest controls'. Each is a mean over the
 * seeds that separated, with a bootstrap interval over those seeds; seeds that never separated are
 * named in the setting and left out.
 *
 * <p>Overlap: at the last reduction every low-margin run reached, |A n B| / k over the chance level
 * k / N, averaged over the pairs of distinct seeds; the bootstrap resamples seeds and averages over
 * the pairs of distinct resampled seeds. The paper calls the overlap close to chance; read here as
 * less than {@link #NEAR_CHANCE} times chance.
 *
 * <p>Area (spec section 2), per architecture: Kendall tau of the margin-curve area with test error over
 * the networks that separated (larger area, lower error), and |tau(area)| - |tau(min margin)|, the area
 * against the baseline the margin bound at a single gamma gives; both resample networks.
 */
public final class MarginFindings {
    /** The largest drop of test accuracy read as "no significant loss" (1 point). */
    public static final double NO_SIGNIFICANT_LOSS = 0.01;
    /** The overlap ratio to chance below which the subsets are read as "close to chance". */
    public static final double NEAR_CHANCE = 2;

    private MarginFindings() {}

    /**
     * The pruning and overlap findings of {@code study} (empty when fewer than 2 seeds separated).
     *
     * @param setting what ran, in words, with every difference from the paper's protocol
     */
    public static List<Finding> pruning(MarginStudies.PruningStudy study, String setting) {
        Map<Long, MarginPruning.Result[]> bySeed = new TreeMap<>();
        for (MarginPruning.Result r : study.runs()) {
            bySeed.computeIfAbsent(r.seed(), s -> new MarginPruning.Result[MarginPruning.Selection.values().length])[r.selection().ordinal()] = r;
        }
        List<MarginPruning.Result[]> used = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Map.Entry<Long, MarginPruning.Result[]> e : bySeed.entrySet()) {
            boolean complete = Arrays.stream(e.getValue()).allMatch(r -> r != null && r.separatedAt() > 0);
            if (complete) {
                used.add(e.getValue());
            } else {
                leftOut.add("seed " + e.getKey());
            }
        }
        List<Finding> out = new ArrayList<>();
        if (used.size() < 2) {
            return out;
        }
        int n = used.size();
        String where = setting + (leftOut.isEmpty() ? "" : "; did not separate, left out: " + String.join(", ", leftOut));
        int low = MarginPruning.Selection.LOW_MARGIN.ordinal();
        double[] drop = values(used, runs -> finalAccuracy(runs[low]) - separationAccuracy(runs[low]));
        double[] vsRandom = values(used, runs -> finalAccuracy(runs[low]) - finalAccuracy(runs[MarginPruning.Selection.RANDOM.ordinal()]));
        double[] vsHigh = values(used, runs -> finalAccuracy(runs[low]) - finalAccuracy(runs[MarginPruning.Selection.HIGH_MARGIN.ordinal()]));
        double retained = used.stream().mapToDouble(runs -> last(runs[low]).retained()).average().orElse(Double.NaN);
        String at = String.format(Locale.ROOT, " (final |S|/N %.3g)", retained);
        String accuracies = String.format(Locale.ROOT, " (final |S|/N %.3g; mean test accuracy %.4f at separation, %.4f at the end)", retained,
                used.stream().mapToDouble(runs -> separationAccuracy(runs[low])).average().orElse(Double.NaN),
                used.stream().mapToDouble(runs -> finalAccuracy(runs[low])).average().orElse(Double.NaN));
        out.add(Finding.of("pruning-no-loss", "After separation the training set can be reduced dynamically by more than 99% (keeping the "
                        + "lowest margins) without a significant loss of test performance",
                "no significant loss (numbers not recovered; read here as a drop of less than 1 point of test accuracy)",
                "mean over seeds of final test accuracy of the low-margin run minus its test accuracy at separation, the control that "
                        + "stops training there" + accuracies, Bootstrap.mean(drop, seed("pruning-no-loss")), n, "seeds", where,
                Rule.above(-NO_SIGNIFICANT_LOSS)));
        out.add(Finding.of("pruning-low-beats-random", "Keeping the lowest margins retains more test accuracy than keeping a random subset "
                        + "of the same size", "implied by the controls (random removal on the same schedule); difference > 0",
                "mean over seeds of final test accuracy, low-margin minus random" + at, Bootstrap.mean(vsRandom, seed("pruning-low-beats-random")),
                n, "seeds", where, Rule.above(0)));
        out.add(Finding.of("pruning-low-beats-high", "Keeping the lowest margins retains more test accuracy than keeping the highest",
                "implied by the controls (removing the low margins instead); difference > 0",
                "mean over seeds of final test accuracy, low-margin minus keep-highest" + at,
                Bootstrap.mean(vsHigh, seed("pruning-low-beats-high")), n, "seeds", where, Rule.above(0)));
        List<MarginPruning.Result> lowRuns = used.stream().map(runs -> runs[low]).toList();
        int reduction = lowRuns.stream().mapToInt(r -> r.subsets().size()).min().orElse(0);
        if (reduction > 0) {
            double[][] ratio = overlapRatios(lowRuns, reduction - 1, study.trainSize());
            int k = lowRuns.get(0).subsets().get(reduction - 1).length;
            out.add(Finding.of("overlap-near-chance", "The low-margin subsets kept by different seeds differ, their overlap close to chance",
                    "close to chance (the exact metric is not recovered; read here as |A n B| / k below twice the chance level k / N)",
                    String.format(Locale.ROOT, "mean over pairs of distinct seeds of (|A n B| / k) / (k / N) at reduction %d (k = %d, N = %d)",
                            reduction, k, study.trainSize()), Bootstrap.of(n, idx -> meanOverDistinctPairs(ratio, idx), seed("overlap-near-chance")),
                    n, "seeds", where, Rule.below(NEAR_CHANCE)));
        }
        return out;
    }

    /**
     * The area findings of {@code area} over its separated networks, one pair per architecture
     * (normalised margins are comparable only within one, spec section 6; the ids name the model when
     * the family has several); an architecture with fewer than 3 separated networks has none.
     *
     * @param seeds   training seeds per configuration of the family
     * @param setting what ran, in words, with every difference from the paper's protocol
     */
    public static List<Finding> area(MarginAreaStudy.Result area, int seeds, String setting) {
        List<Finding> out = new ArrayList<>();
        String where = setting + (area.notSeparated().isEmpty() ? "" : "; did not separate, left out: " + String.join(", ", area.notSeparated()));
        List<String> models = area.networks().stream().map(MarginAreaStudy.Point::model).distinct().toList();
        for (String model : models) {
            List<MarginAreaStudy.Point> nets = area.separated().stream().filter(p -> p.model().equals(model)).toList();
            if (nets.size() < 3) {
                continue;
            }
            String suffix = models.size() > 1 ? "-" + model : "";
            String over = " over separated " + model + " networks";
            double[] err = nets.stream().mapToDouble(MarginAreaStudy.Point::testError).toArray();
            double[] auc = nets.stream().mapToDouble(p -> p.margins().area()).toArray();
            double[] min = nets.stream().mapToDouble(p -> p.margins().minMargin()).toArray();
            out.add(Finding.of("area-tau" + suffix, "The area under the training-set margin curve is a good measure of generalization: larger "
                            + "area, lower test error", "area correlates with test error negatively (coefficients not recovered)",
                    "Kendall tau(area of sorted normalised margins, test error)" + over, Bootstrap.kendallTau(auc, err, seed("area-tau" + suffix)),
                    seeds, "networks", where, Rule.below(0)));
            out.add(Finding.of("area-beats-min-margin" + suffix, "The margin-curve area ranks networks by test error better than the minimum margin",
                    "implied by the margin bound holding at every gamma, not only the smallest; difference > 0",
                    "|tau(area, test error)| - |tau(min normalised margin, test error)|" + over,
                    Bootstrap.of(nets.size(), idx -> Math.abs(Correlations.kendallTau(Bootstrap.pick(auc, idx), Bootstrap.pick(err, idx)))
                            - Math.abs(Correlations.kendallTau(Bootstrap.pick(min, idx), Bootstrap.pick(err, idx))),
                            seed("area-beats-min-margin" + suffix)), seeds, "networks", where, Rule.above(0)));
        }
        return out;
    }

    /** ratio[a][b] = (|A n B| / k) / (k / N) of runs a and b at reduction {@code index} (0 on the diagonal, unused). */
    static double[][] overlapRatios(List<MarginPruning.Result> runs, int index, int n) {
        double[][] ratio = new double[runs.size()][runs.size()];
        for (int a = 0; a < runs.size(); a++) {
            for (int b = a + 1; b < runs.size(); b++) {
                int[] x = runs.get(a).subsets().get(index);
                int[] y = runs.get(b).subsets().get(index);
                double k = x.length;
                ratio[a][b] = MarginStudies.intersection(x, y) / k / (k / n);
                ratio[b][a] = ratio[a][b];
            }
        }
        return ratio;
    }

    /** The mean of ratio[idx[i]][idx[j]] over i &lt; j with idx[i] != idx[j]; NaN when the resample has one distinct seed. */
    static double meanOverDistinctPairs(double[][] ratio, int[] idx) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < idx.length; i++) {
            for (int j = i + 1; j < idx.length; j++) {
                if (idx[i] != idx[j]) {
                    sum += ratio[idx[i]][idx[j]];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double[] values(List<MarginPruning.Result[]> seeds, ToDoubleFunction<MarginPruning.Result[]> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    private static MarginPruning.Epoch last(MarginPruning.Result r) {
        return r.epochs().get(r.epochs().size() - 1);
    }

    /** Test accuracy after the last epoch (trained on the final subset). */
    static double finalAccuracy(MarginPruning.Result r) {
        return last(r).testAccuracy();
    }

    /** Test accuracy after the epoch at which the training set was separated (epochs are numbered from 1). */
    static double separationAccuracy(MarginPruning.Result r) {
        return r.epochs().get(r.separatedAt() - 1).testAccuracy();
    }

    private static long seed(String id) {
        return Seeds.derive(0, "margins-finding:" + id);
    }
}
