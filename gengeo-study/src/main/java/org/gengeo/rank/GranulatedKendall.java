package org.gengeo.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.stats.Correlations;

/**
 * The granulated Kendall coefficient of Jiang et al. 2020 ("Fantastic generalization measures and
 * where to find them", section 4, eq. 4-5). For factor i, the models are grouped by the values of all
 * other factors, so that within a group only factor i changes; psi_i is the mean over the groups of
 * Kendall's tau between the measure and the generalization gap inside the group, and
 * Psi = mean_i psi_i. Groups with fewer than two models, or where tau is undefined (a constant
 * measure or gap), are left out of the mean (the count used is reported).
 */
public final class GranulatedKendall {
    private GranulatedKendall() {}

    /**
     * psi_i for one factor.
     *
     * @param mean   the mean of tau over the groups (NaN if no group counts)
     * @param groups the groups that counted
     */
    public record Factor(double mean, int groups) {}

    /** Psi and each factor's psi_i. */
    public record Result(double overall, Map<String, Factor> factors) {}

    /**
     * @param factors factor name to each model's value (as text), every array of the same length
     * @param measure each model's measure value
     * @param gap     each model's generalization gap
     */
    public static Result of(Map<String, String[]> factors, double[] measure, double[] gap) {
        Map<String, Factor> out = new LinkedHashMap<>();
        double sum = 0;
        int counted = 0;
        for (String f : factors.keySet()) {
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int m = 0; m < measure.length; m++) {
                StringBuilder key = new StringBuilder();
                for (Map.Entry<String, String[]> other : factors.entrySet()) {
                    if (!other.getKey().equals(f)) {
                        key.append(other.getValue()[m]).append('\u0000');
                    }
                }
                groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(m);
            }
            double tauSum = 0;
            int used = 0;
            for (List<Integer> g : groups.values()) {
                if (g.size() < 2) {
                    continue;
                }
                double[] x = new double[g.size()];
                double[] y = new double[g.size()];
                for (int k = 0; k < g.size(); k++) {
                    x[k] = measure[g.get(k)];
                    y[k] = gap[g.get(k)];
                }
                double tau = Correlations.kendallTau(x, y);
                if (!Double.isNaN(tau)) {
                    tauSum += tau;
                    used++;
                }
            }
            Factor psi = new Factor(used == 0 ? Double.NaN : tauSum / used, used);
            out.put(f, psi);
            if (used > 0) {
                sum += psi.mean();
                counted++;
            }
        }
        return new Result(counted == 0 ? Double.NaN : sum / counted, out);
    }
}
