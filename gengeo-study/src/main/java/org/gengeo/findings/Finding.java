package org.gengeo.findings;

import java.util.Arrays;
import org.gengeo.core.GengeoException;
import org.gengeo.stats.Bootstrap;

/**
 * One of a paper's claims checked against gengeo's numbers: what the paper says, what was measured
 * (with a 95% bootstrap interval over independent units), how many seeds, under which setting, and
 * the verdict its {@link Rule} gives. The verdict is always recomputed from the rule: a record whose
 * stored verdict disagrees with its rule is rejected, also when read back from {@code findings.json}.
 *
 * @param id       short stable identifier, unique within a study (e.g. {@code sgd-tau-pf})
 * @param claim    the paper's statement, one sentence
 * @param paper    the paper's number or direction and its setting
 * @param quantity what {@code measured} is, precisely (the statistic and the units it is taken over)
 * @param measured gengeo's number
 * @param ci       the 95% interval [low, high], or null when there is none (one unit, or an exact check)
 * @param seeds    independent training seeds behind the number (per configuration)
 * @param unit     the resampling unit of the interval ({@code networks}, {@code seeds}) with their count, or {@code none}
 * @param setting  exactly what ran: data, model, sizes, stopping rule, and how it differs from the paper's
 * @param rule     the rule that decides the verdict
 * @param verdict  the rule's verdict on measured and ci
 */
public record Finding(String id, String claim, String paper, String quantity, double measured, double[] ci, int seeds,
                      String unit, String setting, Rule rule, Verdict verdict) {
    public Finding {
        if (ci != null && ci.length != 2) {
            throw new GengeoException("finding " + id + ": ci must be [low, high], got " + ci.length + " numbers");
        }
        Verdict decided = rule.decide(measured, ci);
        if (verdict != decided) {
            throw new GengeoException("finding " + id + ": verdict '" + (verdict == null ? "none" : verdict.label())
                    + "' is not what its rule gives ('" + decided.label() + "'); verdicts are computed, never set by hand");
        }
    }

    /** A finding whose number is a bootstrap interval's estimate; the verdict follows from {@code rule}. */
    public static Finding of(String id, String claim, String paper, String quantity, Bootstrap.Interval ci, int seeds,
                             String unitName, String setting, Rule rule) {
        double[] range = Double.isFinite(ci.low()) ? new double[] {ci.low(), ci.high()} : null;
        return new Finding(id, claim, paper, quantity, ci.estimate(), range, seeds, ci.units() + " " + unitName, setting, rule,
                rule.decide(ci.estimate(), range));
    }

    /** A finding without an interval (one seed, or an exact check). */
    public static Finding single(String id, String claim, String paper, String quantity, double measured, int seeds, String setting,
                                 Rule rule) {
        return new Finding(id, claim, paper, quantity, measured, null, seeds, "none", setting, rule, rule.decide(measured, null));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finding f && id.equals(f.id) && claim.equals(f.claim) && paper.equals(f.paper)
                && quantity.equals(f.quantity) && Double.compare(measured, f.measured) == 0 && Arrays.equals(ci, f.ci)
                && seeds == f.seeds && unit.equals(f.unit) && setting.equals(f.setting) && rule.equals(f.rule) && verdict == f.verdict;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Double.hashCode(measured);
    }

    @Override
    public String toString() {
        return id + ": " + verdict.label() + " (" + measured + ", ci " + Arrays.toString(ci) + ")";
    }
}
