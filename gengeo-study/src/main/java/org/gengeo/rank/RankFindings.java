package org.gengeo.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Rule;

/**
 * Jiang et al. (2020)'s conclusions about measures a zoo ranks, as findings: the sign of Kendall's tau
 * between the measure and the generalization gap over the zoo's models, and the sign of the granulated
 * coefficient Psi for the sharpness measures, each with the bootstrap interval {@link Ranking} computes
 * (the unit: a model). Only measures whose sign the paper states are judged: the PAC-Bayes and Keskar
 * sharpness measures and the path norm correlate positively with the gap, the (log) product of spectral
 * norms negatively; the paper's headline is that the sharpness measures keep a positive Psi when one
 * factor at a time changes, which is what the granulated findings test. The CMI and its interval stay
 * in rank.json and rank.csv without a verdict (it is never below zero, so no sign can be tested).
 */
public final class RankFindings {
    /** The paper's sign of tau(measure, gap), by gengeo measure name. */
    static final Map<String, Integer> SIGN = Map.of("pacbayes-sharpness", 1, "keskar-sharpness", 1, "path-norm", 1, "log-prod-spectral", -1);
    /** The measures whose granulated coefficient the paper finds positive. */
    static final List<String> GRANULATED_POSITIVE = List.of("pacbayes-sharpness", "keskar-sharpness");

    private RankFindings() {}

    /** The findings of {@code r}, with {@code setting} saying what the zoo was. */
    public static List<Finding> of(Ranking r, String setting) {
        List<Finding> out = new ArrayList<>();
        for (Ranking.MeasureRank m : r.measures()) {
            Integer sign = SIGN.get(m.measure());
            if (sign == null || m.models() < 3) {
                continue;
            }
            String side = sign > 0 ? "positively" : "negatively";
            out.add(Finding.of("tau-" + m.measure(), m.measure() + " correlates " + side + " with the generalization gap",
                    String.format(Locale.ROOT, "Kendall tau %s 0 over the paper's zoo of CIFAR-10/SVHN networks trained to cross-entropy 0.01 "
                            + "(Jiang et al. 2020)", sign > 0 ? ">" : "<"),
                    "Kendall tau(" + m.measure() + ", " + r.gap() + ") over the zoo's models", m.kendallTauInterval(), 1, "models", setting,
                    sign > 0 ? Rule.above(0) : Rule.below(0)));
            if (GRANULATED_POSITIVE.contains(m.measure()) && !r.factors().isEmpty() && Double.isFinite(m.granulatedInterval().low())) {
                out.add(Finding.of("granulated-" + m.measure(), m.measure() + " still ranks the gap when one factor at a time changes",
                        "granulated Kendall coefficient Psi > 0 over the paper's zoo (Jiang et al. 2020, sec. 4)",
                        "Psi(" + m.measure() + ", " + r.gap() + ") over " + String.join(", ", r.factors()), m.granulatedInterval(), 1,
                        "models", setting, Rule.above(0)));
            }
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
