package org.gengeo.pergrad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;

/**
 * Coherence of per-example gradients (Chatterjee 2020; Zielinski et al. 2020): for m examples with
 * gradients g_1..g_m, alpha = ||sum_i g_i||^2 / (m sum_i ||g_i||^2) in [0, 1], and the m-coherence
 * m alpha = ||sum g_i||^2 / sum ||g_i||^2, which is 1 for orthogonal and m for identical gradients
 * ("how many examples a step helps"). Computed in one streaming pass over chunks, keeping only
 * S = sum g_i and Q = sum ||g_i||^2 per layer; the whole-network alpha is sum_l f_l alpha_l with
 * f_l = Q_l / Q. Each g_i is the gradient of example i's own loss (not a minibatch average, which
 * would inflate alpha), with dropout off.
 *
 * <p>For a partition of the examples into groups (pristine and corrupt examples under label noise),
 * {@link #byGroup} also gives each group's share of the step, f_p = &lt;g, g_p&gt; / ||g||^2 with
 * g = S / m and g_p = S_p / m the group's part of the mean gradient (Chatterjee and Zielinski 2022,
 * section on pristine and corrupt examples), so the shares sum to 1; and each group's own m-coherence.
 */
public final class Coherence {
    private Coherence() {}

    /** Coherence of one layer (its weight and bias together) or of the whole network. */
    public record Value(double alpha, double mCoherence, double weight) {}

    /** The whole network's coherence and each layer's, over {@code examples} gradients. */
    public record Result(int examples, Value total, Map<String, Value> layers, List<String> loopedParameters) {}

    /** One group's share f_p of the mean gradient's squared norm, and the coherence within the group. */
    public record Share(int examples, double stepShare, Value coherence) {}

    /** Coherence over all groups together, and each group's share. */
    public record GroupResult(Result all, Map<String, Share> groups) {}

    /** Streams {@code data} in chunks of {@code chunk} examples. */
    public static Result of(Network net, DeviceData data, Loss loss, int chunk) {
        return Sums.over(net, data, loss, chunk).result();
    }

    /** Coherence of the union of {@code groups} (disjoint example sets), and each group's share of the step. */
    public static GroupResult byGroup(Network net, Map<String, DeviceData> groups, Loss loss, int chunk) {
        Map<String, Sums> sums = new LinkedHashMap<>();
        Sums all = null;
        for (Map.Entry<String, DeviceData> e : groups.entrySet()) {
            Sums s = Sums.over(net, e.getValue(), loss, chunk);
            sums.put(e.getKey(), s);
            all = all == null ? s.copy() : all.add(s);
        }
        if (all == null) {
            throw new IllegalArgumentException("no groups");
        }
        double norm2 = all.dot(all);
        Map<String, Share> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Sums> e : sums.entrySet()) {
            Sums s = e.getValue();
            shares.put(e.getKey(), new Share(s.examples, norm2 > 0 ? all.dot(s) / norm2 : Double.NaN, s.result().total()));
        }
        return new GroupResult(all.result(), shares);
    }

    /** S (per parameter) and Q (per parameter) over a set of examples. */
    private static final class Sums {
        private final List<String> names;
        private final double[][] s;
        private final double[] q;
        private final List<String> looped;
        private int examples;

        private Sums(List<String> names, double[][] s, double[] q, List<String> looped, int examples) {
            this.names = names;
            this.s = s;
            this.q = q;
            this.looped = looped;
            this.examples = examples;
        }

        static Sums over(Network net, DeviceData data, Loss loss, int chunk) {
            List<String> names = new ArrayList<>(net.parameters().keySet());
            double[][] s = new double[names.size()][];
            int p0 = 0;
            for (var param : net.parameterList()) {
                s[p0++] = new double[(int) param.size()];
            }
            double[] q = new double[names.size()];
            List<String> looped = List.of();
            int m = data.size();
            for (int from = 0; from < m; from += chunk) {
                PerExampleNorms n = PerExampleGradients.compute(net, data.slice(from, Math.min(m, from + chunk)), loss);
                looped = n.loopedParameters();
                for (int p = 0; p < names.size(); p++) {
                    double[] add = n.sums().get(p);
                    for (int k = 0; k < add.length; k++) {
                        s[p][k] += add[k];
                    }
                    for (double v : n.squaredNorms()[p]) {
                        q[p] += v;
                    }
                }
            }
            return new Sums(names, s, q, looped, m);
        }

        Sums copy() {
            double[][] sc = new double[s.length][];
            for (int p = 0; p < s.length; p++) {
                sc[p] = s[p].clone();
            }
            return new Sums(names, sc, q.clone(), looped, examples);
        }

        Sums add(Sums other) {
            for (int p = 0; p < s.length; p++) {
                for (int k = 0; k < s[p].length; k++) {
                    s[p][k] += other.s[p][k];
                }
                q[p] += other.q[p];
            }
            examples += other.examples;
            return this;
        }

        double dot(Sums other) {
            double d = 0;
            for (int p = 0; p < s.length; p++) {
                for (int k = 0; k < s[p].length; k++) {
                    d += s[p][k] * other.s[p][k];
                }
            }
            return d;
        }

        Result result() {
            Map<String, double[]> perLayer = new LinkedHashMap<>();
            for (int p = 0; p < names.size(); p++) {
                String layer = names.get(p).substring(0, names.get(p).lastIndexOf('.'));
                double[] acc = perLayer.computeIfAbsent(layer, k -> new double[2]);
                for (double v : s[p]) {
                    acc[0] += v * v;
                }
                acc[1] += q[p];
            }
            double s2 = 0;
            double qTotal = 0;
            for (double[] acc : perLayer.values()) {
                s2 += acc[0];
                qTotal += acc[1];
            }
            Map<String, Value> layers = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : perLayer.entrySet()) {
                layers.put(e.getKey(), value(e.getValue()[0], e.getValue()[1], examples, e.getValue()[1] / qTotal));
            }
            return new Result(examples, value(s2, qTotal, examples, 1), layers, looped);
        }
    }

    private static Value value(double s2, double q, int m, double weight) {
        double mCoherence = q > 0 ? s2 / q : Double.NaN;
        return new Value(mCoherence / m, mCoherence, weight);
    }
}
