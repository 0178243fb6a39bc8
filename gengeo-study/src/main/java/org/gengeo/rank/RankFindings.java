package org.gengeo.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.Seeds;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Rule;
import org.gengeo.stats.Bootstrap;
import org.gengeo.stats.Correlations;

/**
 * Jiang et al. (2020)'s conclusions about measures a zoo ranks, as findings: the sign of Kendall's tau
 * between the measure and the generalization gap over the zoo's models, with a bootstrap interval that
 * resamples models. Only measures whose sign the paper states are judged: the PAC-Bayes and Keskar
 * sharpness measures and the path norm correlate positively with the gap, the (log) product of spectral
 * norms negatively. The granulated coefficient and the CMI stay in rank.json without an interval.
 */
public final class RankFindings {
    /** The paper's sign of tau(measure, gap), by gengeo measure name. */
    static final Map<String, Integer> SIGN = Map.of("pacbayes-sharpness", 1, "keskar-sharpness", 1, "path-norm", 1, "log-prod-spectral", -1);

    private RankFindings() {}

    /** The findings of {@code r}, with {@code setting} saying what the zoo was. */
    public static List<Finding> of(Ranking r, String setting) {
        List<Finding> out = new ArrayList<>();
        for (Ranking.MeasureRank m : r.measures()) {
            Integer sign = SIGN.get(m.measure());
            if (sign == null || m.models() < 3) {
                continue;
            }
            double[] x = m.values();
            double[] y = m.gaps();
            Bootstrap.Interval ci = Bootstrap.of(x.length, idx -> Correlations.kendallTau(Bootstrap.pick(x, idx), Bootstrap.pick(y, idx)),
                    Seeds.derive(0, "rank-finding:" + m.measure()));
            String side = sign > 0 ? "positively" : "negatively";
            out.add(Finding.of("tau-" + m.measure(), m.measure() + " correlates " + side + " with the generalization gap",
                    String.format(Locale.ROOT, "Kendall tau %s 0 over the paper's zoo of CIFAR-10/SVHN networks trained to cross-entropy 0.01 "
                            + "(Jiang et al. 2020)", sign > 0 ? ">" : "<"),
                    "Kendall tau(" + m.measure() + ", " + r.gap() + ") over the zoo's models", ci, 1, "models", setting,
                    sign > 0 ? Rule.above(0) : Rule.below(0)));
        }
        return out;
    }

    /** What a ranking was over, from what its results table says: models, the factors that vary, the gap. */
    public static String setting(Ranking r) {
        return String.format(Locale.ROOT, "%s: %d models (left out: %s), factors varied: %s; gap %s; the zoo's training "
                + "config (stopping rule, data) is in its sweep file, not in results.csv", r.results(), r.models(), r.leftOut(),
                r.factors().isEmpty() ? "none" : String.join(", ", r.factors()), r.gap());
    }
}
