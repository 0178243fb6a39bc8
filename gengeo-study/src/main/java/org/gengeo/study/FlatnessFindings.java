package org.gengeo.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.gengeo.core.Seeds;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Rule;
import org.gengeo.report.page.Numbers;
import org.gengeo.stats.Bootstrap;
import org.gengeo.stats.Correlations;
import org.gengeo.stats.Quantiles;

/**
 * The paper's findings (Zhang et al. 2021, sections 5-6) as {@link Finding}s: Kendall tau of a
 * measure with test accuracy over one optimiser's networks (or all of them), and the differences
 * between such taus, each with a bootstrap interval over the networks (the pairs (measure, test
 * accuracy) of one network are one unit; a difference resamples the same networks for both taus).
 * Alpha-scaling is tested twice: as an exact invariance of P(f) and of the function on every
 * network, and by alpha-scaling a seeded random half of the networks, after which sharpness should no
 * longer rank them as it did while P(f), being a property of the function, ranks them unchanged.
 */
final class FlatnessFindings {
    private FlatnessFindings() {}

    static List<Finding> check(FlatnessStudyOptions o, List<FlatnessRow> rows, String dataSource) {
        String setting = setting(o, dataSource);
        List<Finding> out = new ArrayList<>();
        for (String opt : FlatnessStudy.groups(o)) {
            List<FlatnessRow> mine = group(rows, opt);
            if (mine.size() < 3) {
                continue;
            }
            String who = label(opt);
            String prefix = opt.equals(FlatnessStudy.POOLED) ? "all" : opt;
            String over = " over " + (opt.equals(FlatnessStudy.POOLED) ? "all networks" : who + " networks");
            if (!opt.equals(FlatnessStudy.POOLED)) {
                out.add(Finding.of(prefix + "-tau-pf", who + ": networks whose function has a larger prior probability P(f) generalise better",
                        "Kendall tau(log P(f), test accuracy) > 0, strong (binary MNIST/CIFAR-10, FCN and ResNet, attack sets)",
                        "Kendall tau(log10 P(f), test accuracy)" + over, tau(mine, FlatnessRow::log10P, prefix + "-tau-pf"),
                        o.seeds(), "networks", setting, Rule.above(0)));
            }
            if (!opt.equals(FlatnessStudy.POOLED)) {
                out.add(Finding.of(prefix + "-tau-pf-held-out", who + ": P(f) computed on a set E' disjoint from the test examples still ranks "
                        + "the networks by test accuracy",
                        "not in the paper (a control: there f is predicted on the same E that measures test accuracy); tau > 0 if the "
                        + "correlation is not an artefact of sharing E",
                        "Kendall tau(log10 P(f) with predictions on E', accuracy on E \\ E') over " + who + " networks (E split in halves)",
                        tau(mine, r -> r.heldOutLog10P(), r -> r.heldOutTestAcc(), prefix + "-tau-pf-held-out"), o.seeds(), "networks",
                        setting, Rule.above(0)));
            }
            if (opt.equals("sgd")) {
                out.add(Finding.of("sgd-tau-sharpness", "SGD: flatter (less sharp) networks generalise better",
                        "Kendall tau(sharpness, test accuracy) < 0 for SGD-trained networks", "Kendall tau(Keskar sharpness, test accuracy)"
                        + over, tau(mine, FlatnessRow::sharpness, "sgd-tau-sharpness"), o.seeds(), "networks", setting, Rule.below(0)));
                out.add(Finding.of("sgd-tau-lambda", "SGD: networks with a smaller top Hessian eigenvalue generalise better",
                        "Kendall tau(lambda_max, test accuracy) < 0 for SGD-trained networks", "Kendall tau(lambda_max, test accuracy)" + over,
                        tau(mine, FlatnessRow::topEigenvalue, "sgd-tau-lambda"), o.seeds(), "networks", setting, Rule.below(0)));
            }
            out.add(Finding.of(prefix + "-pf-beats-sharpness", who + ": P(f) ranks the networks by test accuracy better than sharpness",
                    "P(f) correlates with generalization more tightly than sharpness, and keeps doing so where sharpness fails "
                    + "(Adam, Entropy-SGD, alpha-scaling)", "tau(log10 P(f), test acc) - |tau(sharpness, test acc)|" + over,
                    Bootstrap.of(mine.size(), idx -> tauOf(mine, idx, FlatnessRow::log10P) - Math.abs(tauOf(mine, idx, FlatnessRow::sharpness)),
                            seed(prefix + "-pf-beats-sharpness")), o.seeds(), "networks", setting, Rule.above(0)));
        }
        double maxShift = rows.stream().mapToDouble(r -> Math.abs(r.scaledLog10P() - r.log10P())).max().orElse(Double.NaN);
        double maxDiff = rows.stream().mapToDouble(FlatnessRow::outputDifference).max().orElse(Double.NaN);
        out.add(Finding.single("alpha-pf-invariant", "alpha-scaling leaves the function, and so P(f), unchanged",
                "exactly unchanged (the same function)", "largest |change of log10 P(f)| over " + rows.size() + " networks", maxShift,
                o.seeds(), setting, Rule.exactlyBelow(1e-6)));
        out.add(Finding.single("alpha-output-invariant", "alpha-scaling leaves the network's outputs unchanged",
                "exactly unchanged (ReLU is positively homogeneous)", "largest relative output change over " + rows.size()
                + " networks (float32)", maxDiff, o.seeds(), setting, Rule.exactlyBelow(1e-4)));
        double[] ratio = rows.stream().mapToDouble(r -> r.sharpnessScaled() / r.sharpness()).toArray();
        out.add(Finding.of("alpha-sharpness-grows", "alpha-scaling makes the same function's minimum much sharper",
                String.format(Locale.ROOT, "sharpness can be made arbitrarily large by alpha-scaling (here alpha = %s)", o.alpha()),
                "median over networks of sharpness after / before alpha-scaling",
                Bootstrap.of(ratio.length, idx -> median(Bootstrap.pick(ratio, idx)), seed("alpha-sharpness-grows")), o.seeds(), "networks",
                setting, Rule.above(1)));
        if (rows.size() >= 4) {
            boolean[] scaled = randomHalf(rows.size());
            ToDoubleFunction<Integer> mixed = i -> scaled[i] ? rows.get(i).sharpnessScaled() : rows.get(i).sharpness();
            double[] before = rows.stream().mapToDouble(FlatnessRow::sharpness).toArray();
            double[] after = new double[rows.size()];
            Arrays.setAll(after, mixed::applyAsDouble);
            double[] acc = rows.stream().mapToDouble(FlatnessRow::testAcc).toArray();
            out.add(Finding.of("alpha-half-breaks-sharpness",
                    "alpha-scaling a random half of the networks spoils sharpness's ranking of them by test accuracy (P(f)'s is unchanged)",
                    "after alpha-scaling sharpness no longer correlates with generalization; P(f) is invariant",
                    "|tau(sharpness, test acc)| - |tau(sharpness with a seeded random half alpha-scaled, test acc)| over all networks",
                    Bootstrap.of(rows.size(), idx -> Math.abs(Correlations.kendallTau(Bootstrap.pick(before, idx), Bootstrap.pick(acc, idx)))
                            - Math.abs(Correlations.kendallTau(Bootstrap.pick(after, idx), Bootstrap.pick(acc, idx))),
                            seed("alpha-half-breaks-sharpness")), o.seeds(), "networks", setting, Rule.above(0)));
        }
        return out;
    }

    /** What ran, in words: the data, sizes, model, optimisers, stopping rule, measuring set and where it departs from the paper. */
    static String setting(FlatnessStudyOptions o, String dataSource) {
        String source = dataSource.equals("embedded") ? "the subset embedded in gengeo, 2,500 training and 1,000 test images" : dataSource;
        return String.format(Locale.ROOT, "%s from %s (binary: classes 0-4 vs 5-9), |S| = %d, |E| = %d, |A| in %s, %s ReLU, %s (lr SGD %s, Adam %s, Entropy-SGD "
                + "eta %s with L = %d, gamma = %s), batch %d, %d seeds per |A| and optimiser; trained to 100%% accuracy on %s (authors' code: S) "
                + "within %d epochs; Keskar sharpness (eps %s, %d ascent steps) and lambda_max on %s (authors' code: S); log10 P(f) by EP "
                + "with the analytic NNGP kernel, f = labels on S and predictions on E; alpha = %s on fc0/fc1",
                o.data(), source, o.trainSize(), o.testSize(), Arrays.toString(o.attacks()), o.model(), String.join(", ", o.optimisers()), o.sgdLr(),
                o.adamLr(), Numbers.compact(o.esgdLr(), 4), o.esgd().innerSteps(), o.esgd().gamma(), o.batch(), o.seeds(), o.stopOn().equals("S") ? "S" : "S u A", o.maxEpochs(), Numbers.compact(o.eps()), o.sharpnessSteps(), o.measureOn(), o.alpha());
    }

    /** Which networks (by row index) the random-half experiment alpha-scales: a seeded random half. */
    static boolean[] randomHalf(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom r = Seeds.random(0, "flatness-alpha-half");
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] half = new boolean[n];
        for (int k = 0; k < n / 2; k++) {
            half[order[k]] = true;
        }
        return half;
    }

    private static List<FlatnessRow> group(List<FlatnessRow> rows, String opt) {
        return rows.stream().filter(r -> opt.equals(FlatnessStudy.POOLED) || r.optimiser().equals(opt)).toList();
    }

    private static Bootstrap.Interval tau(List<FlatnessRow> rows, ToDoubleFunction<FlatnessRow> measure, String id) {
        return tau(rows, measure, FlatnessRow::testAcc, id);
    }

    /** Kendall tau of {@code measure} with {@code accuracy} over the networks, with its bootstrap interval over them. */
    private static Bootstrap.Interval tau(List<FlatnessRow> rows, ToDoubleFunction<FlatnessRow> measure, ToDoubleFunction<FlatnessRow> accuracy,
                                          String id) {
        return Bootstrap.of(rows.size(), idx -> tauOf(rows, idx, measure, accuracy), seed(id));
    }

    /** Kendall tau of {@code measure} with test accuracy over the rows at {@code idx}. */
    private static double tauOf(List<FlatnessRow> rows, int[] idx, ToDoubleFunction<FlatnessRow> measure) {
        return tauOf(rows, idx, measure, FlatnessRow::testAcc);
    }

    private static double tauOf(List<FlatnessRow> rows, int[] idx, ToDoubleFunction<FlatnessRow> measure, ToDoubleFunction<FlatnessRow> accuracy) {
        double[] x = new double[idx.length];
        double[] y = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            x[i] = measure.applyAsDouble(rows.get(idx[i]));
            y[i] = accuracy.applyAsDouble(rows.get(idx[i]));
        }
        return Correlations.kendallTau(x, y);
    }

    /** The bootstrap seed of a finding: fixed by its id, so a rerun on the same networks gives the same interval. */
    private static long seed(String id) {
        return Seeds.derive(0, "flatness-finding:" + id);
    }

    /** The optimiser's name as the paper writes it. */
    static String label(String optimiser) {
        switch (optimiser) {
            case "sgd": return "SGD";
            case "adam": return "Adam";
            case "entropy-sgd": return "Entropy-SGD";
            case FlatnessStudy.POOLED: return "all optimisers";
            default: return optimiser;
        }
    }

    static double tau(List<FlatnessStudyResult.Correlation> taus, String opt, String measure) {
        return taus.stream().filter(c -> c.optimiser().equals(opt) && c.measure().equals(measure))
                .mapToDouble(FlatnessStudyResult.Correlation::kendallTau).findFirst().orElse(Double.NaN);
    }

    /** The median of the finite values (NaN if there are none). */
    private static double median(double[] x) {
        return Quantiles.ofSorted(Arrays.stream(x).filter(Double::isFinite).sorted().toArray(), 0.5);
    }
}
