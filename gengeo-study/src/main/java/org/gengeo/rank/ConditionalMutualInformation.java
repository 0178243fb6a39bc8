package org.gengeo.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditional-mutual-information ranking of Jiang et al. 2020 ("Fantastic generalization measures
 * and where to find them", section 6). Over ordered pairs of models (theta, theta'), let
 * V_mu = sign(mu(theta) - mu(theta')) and V_g = sign(g(theta) - g(theta')), and let U_S be the values
 * of the factors in S for both models of the pair. Then
 * <pre>
 *   I(V_mu, V_g | U_S) = sum_u p(u) sum_{a,b in {-1,+1}} p(a, b | u) log( p(a, b | u) / (p(a | u) p(b | u)) )
 *   I~(S) = I(V_mu, V_g | U_S) / H(V_g | U_S)
 * </pre>
 * with every probability the empirical frequency over the pairs. I~ lies in [0, 1]: 1 when the sign of
 * the measure's difference determines the sign of the gap's difference inside every conditioning
 * group, 0 when it carries no information there. The paper's score is the minimum of I~ over all S
 * with |S| = 2, so that a measure must stay informative whichever two factors are held fixed; the
 * unconditional value (S empty), each single factor's value and the minimum over |S| = 1 are reported
 * beside it. Pairs where the measure or the gap ties are left out (a sign of 0 has no direction).
 */
public final class ConditionalMutualInformation {
    private ConditionalMutualInformation() {}

    /**
     * The scores of one measure.
     *
     * @param unconditional I~ with S empty
     * @param perFactor     I~ conditioned on each single factor
     * @param minOne        the minimum of I~ over |S| = 1 (NaN with no factor)
     * @param minTwo        the minimum of I~ over |S| = 2, the paper's score (NaN with fewer than two factors)
     * @param pairs         ordered pairs used (no tie in the measure or the gap)
     */
    public record Result(double unconditional, Map<String, Double> perFactor, double minOne, double minTwo, int pairs) {}

    /**
     * @param factors factor name to each model's value (as text), every array of the same length
     * @param measure each model's measure value
     * @param gap     each model's generalization gap
     */
    public static Result of(Map<String, String[]> factors, double[] measure, double[] gap) {
        Pairs p = Pairs.of(factors, measure, gap);
        List<String> names = new ArrayList<>(factors.keySet());
        Map<String, Double> perFactor = new LinkedHashMap<>();
        double minOne = Double.NaN;
        for (int f = 0; f < names.size(); f++) {
            double v = p.normalised(f);
            perFactor.put(names.get(f), v);
            minOne = minimum(minOne, v);
        }
        return new Result(p.normalised(), perFactor, minOne, p.minTwo(), p.pairs().size());
    }

    /**
     * The paper's score alone, {@link Result#minTwo()} of {@link #of}, without the unconditional and
     * single-factor values (what a bootstrap of the score needs on each resample).
     */
    public static double minTwo(Map<String, String[]> factors, double[] measure, double[] gap) {
        return Pairs.of(factors, measure, gap).minTwo();
    }

    /** min that treats NaN (no value yet, or an undefined score) as absent. */
    private static double minimum(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    /** The ordered pairs without ties, and each model's factor levels as codes 0 .. levels[f] - 1. */
    private record Pairs(List<int[]> pairs, int[][] codes, int[] levels, double[] measure, double[] gap) {
        /** The ordered pairs of distinct models with no tie in the measure or the gap, and the factors' levels as codes. */
        static Pairs of(Map<String, String[]> factors, double[] measure, double[] gap) {
            List<int[]> pairs = new ArrayList<>();
            for (int i = 0; i < measure.length; i++) {
                for (int j = 0; j < measure.length; j++) {
                    if (i != j && measure[i] != measure[j] && gap[i] != gap[j]) {
                        pairs.add(new int[] {i, j});
                    }
                }
            }
            List<String> names = new ArrayList<>(factors.keySet());
            int[][] codes = new int[names.size()][];
            int[] levels = new int[names.size()];
            for (int f = 0; f < names.size(); f++) {
                Map<String, Integer> index = new HashMap<>();
                String[] values = factors.get(names.get(f));
                codes[f] = new int[values.length];
                for (int m = 0; m < values.length; m++) {
                    codes[f][m] = index.computeIfAbsent(values[m], k -> index.size());
                }
                levels[f] = index.size();
            }
            return new Pairs(pairs, codes, levels, measure, gap);
        }

        /** The minimum of I~ over every pair of factors (NaN with fewer than two factors). */
        double minTwo() {
            double min = Double.NaN;
            for (int a = 0; a < codes.length; a++) {
                for (int b = a + 1; b < codes.length; b++) {
                    min = minimum(min, normalised(a, b));
                }
            }
            return min;
        }

        /**
         * I~ for the conditioning set {@code s} (factor indices): NaN when H(V_g | U_S) = 0 (the gap's
         * sign is determined, nothing to explain). U_S of a pair is the two models' levels of each factor
         * in S, one integer key.
         */
        double normalised(int... s) {
            Map<Long, double[]> counts = new HashMap<>(); // per u: counts of (V_mu, V_g) in {(-,-), (-,+), (+,-), (+,+)}
            for (int[] p : pairs) {
                long key = 0;
                for (int f : s) {
                    key = (key * levels[f] + codes[f][p[0]]) * levels[f] + codes[f][p[1]];
                }
                int a = measure[p[0]] > measure[p[1]] ? 1 : 0;
                int b = gap[p[0]] > gap[p[1]] ? 1 : 0;
                counts.computeIfAbsent(key, k -> new double[4])[2 * a + b]++;
            }
            double total = pairs.size();
            double info = 0;
            double entropy = 0;
            for (double[] c : counts.values()) {
                double n = c[0] + c[1] + c[2] + c[3];
                double weight = n / total;
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        double joint = c[2 * a + b] / n;
                        if (joint > 0) {
                            double pa = (c[2 * a] + c[2 * a + 1]) / n;
                            double pb = (c[b] + c[2 + b]) / n;
                            info += weight * joint * Math.log(joint / (pa * pb));
                        }
                    }
                }
                for (int b = 0; b < 2; b++) {
                    double pb = (c[b] + c[2 + b]) / n;
                    if (pb > 0) {
                        entropy -= weight * pb * Math.log(pb);
                    }
                }
            }
            return entropy <= 0 ? Double.NaN : info / entropy;
        }
    }
}
