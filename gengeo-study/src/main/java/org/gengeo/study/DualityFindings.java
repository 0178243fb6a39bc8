package org.gengeo.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.gengeo.core.Seeds;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Rule;
import org.gengeo.stats.Bootstrap;

/**
 * The activity-weight duality paper's claim for one factor (Feng and Tu; directions as the spec's table
 * gives them, most inferred from the authors' code): the generalization loss gap rises or falls with the
 * factor's value. Measured as Spearman's rho of (value, gap) over the runs, with a bootstrap interval that
 * resamples runs; test error is reported beside it, judged by the same direction. Only runs that reached
 * the preset's training loss (outcome {@code reached-train-loss}) count; the others are listed in the
 * setting and left out, never mixed in.
 */
final class DualityFindings {
    /** +1: the gap rises with the factor, -1: it falls. Factors the paper gives no direction for have none. */
    static final Map<String, Integer> DIRECTION = Map.of("batch", 1, "lr", -1, "weight-decay", -1, "norm-penalty", -1, "init-scale", 1,
            "dropout", -1, "train-size", -1, "label-noise", 1);

    private DualityFindings() {}

    static List<Finding> of(DualityStudy.StudyResult r) {
        Integer sign = DIRECTION.get(r.factor());
        List<Finding> out = new ArrayList<>();
        if (sign == null) {
            return out;
        }
        List<DualityStudy.RunSummary> reached = r.runs().stream().filter(x -> x.outcome().equals("reached-train-loss")).toList();
        List<String> leftOut = r.runs().stream().filter(x -> !x.outcome().equals("reached-train-loss"))
                .map(x -> String.format(Locale.ROOT, "%s=%s seed %d (%s after %d epochs, train loss %.3g)", r.factor(),
                        DualityFactor.label(x.value()), x.seed(), x.outcome(), x.epochs(), x.trainLoss())).toList();
        long distinct = reached.stream().mapToDouble(DualityStudy.RunSummary::value).distinct().count();
        if (reached.size() < 3 || distinct < 2) {
            return out;
        }
        String setting = String.format(Locale.ROOT, "%s preset: %s, %s training images, %s, %s lr %s batch %d; %s in %s, %d seeds each; "
                + "trained to training loss %s (cap %d epochs); %d of %d runs reached it%s", r.preset(), r.base().data(),
                r.base().trainSize() == null ? "all" : r.base().trainSize().toString(), r.base().model(), r.base().opt(), r.base().lr(),
                r.base().batch(), r.factor(), java.util.Arrays.toString(r.values()), r.seeds(), r.base().untilTrainLoss(), r.base().epochs(),
                reached.size(), r.runs().size(), leftOut.isEmpty() ? "" : "; left out: " + String.join("; ", leftOut))
                + "; " + paperDifference(r);
        String direction = sign > 0 ? "rises" : "falls";
        Rule rule = sign > 0 ? Rule.above(0) : Rule.below(0);
        out.add(Finding.of("gap-vs-" + r.factor(), "The generalization loss gap " + direction + " with " + r.factor(),
                "gap " + direction + " with " + r.factor() + " (Feng and Tu; direction per the spec, mostly inferred from the authors' code)",
                "Spearman rho(" + r.factor() + ", test loss - train loss) over runs", spearman(reached, DualityStudy.RunSummary::generalizationLoss,
                        "gap-vs-" + r.factor()), r.seeds(), "runs", setting, rule));
        out.add(Finding.of("test-error-vs-" + r.factor(), "Test error " + direction + " with " + r.factor() + ", as the gap does",
                "not a claim of the paper (it reports the loss gap); shown beside the gap, judged by the gap's direction",
                "Spearman rho(" + r.factor() + ", test error) over runs", spearman(reached, DualityStudy.RunSummary::testError,
                        "test-error-vs-" + r.factor()), r.seeds(), "runs", setting, rule));
        return out;
    }

    /**
     * The paper's protocol for the factor (the authors' code, as the spec reads it), against which the
     * setting is to be read: MNIST, 4,000 training and the first 1,000 test images, 10 seeds, the
     * factor values of {@link #PAPER_VALUES}, stopped at training loss 1e-3 with the mean training
     * accuracy of the last 9 epochs above 0.99.
     */
    static String paperDifference(DualityStudy.StudyResult r) {
        String values = PAPER_VALUES.getOrDefault(r.factor(), "not a factor of the paper (its L2 term is the unsquared norm penalty)");
        return "the paper: MNIST, 4,000 training and the first 1,000 test images, " + r.factor() + " " + values + ", 10 seeds, stopped at "
                + "training loss 1e-3 with mean training accuracy over the last 9 epochs above 0.99 (here: the loss alone)";
    }

    /** The factor values of the authors' code (spec section 4.1). */
    static final Map<String, String> PAPER_VALUES = Map.of("batch", "[25, 100, 200, 400]", "lr", "[0.005, 0.01, 0.02, 0.05, 0.1]",
            "norm-penalty", "[0, 0.005, 0.01, 0.02] (first 200 epochs)", "init-scale", "[4, 5, 6, 7] (times PyTorch's default)",
            "dropout", "[0, 0.05, 0.1, 0.2, 0.3]", "train-size", "[4000, 8000, 16000, 32000]",
            "label-noise", "[0, 0.091, 0.13, 0.167, 0.2] (extra mislabelled images)");

    private static Bootstrap.Interval spearman(List<DualityStudy.RunSummary> runs, ToDoubleFunction<DualityStudy.RunSummary> y, String id) {
        double[] x = runs.stream().mapToDouble(DualityStudy.RunSummary::value).toArray();
        double[] v = runs.stream().mapToDouble(y).toArray();
        return Bootstrap.spearman(x, v, Seeds.derive(0, "duality-finding:" + id));
    }
}
