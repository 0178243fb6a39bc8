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
 */
public final class Coherence {
    private Coherence() {}

    /** Coherence of one layer (its weight and bias together) or of the whole network. */
    public record Value(double alpha, double mCoherence, double weight) {}

    /** The whole network's coherence and each layer's, over {@code examples} gradients. */
    public record Result(int examples, Value total, Map<String, Value> layers, List<String> loopedParameters) {}

    /** Streams {@code data} in chunks of {@code chunk} examples. */
    public static Result of(Network net, DeviceData data, Loss loss, int chunk) {
        List<String> names = new ArrayList<>(net.parameters().keySet());
        double[][] s = null;
        double[] q = new double[names.size()];
        List<String> looped = List.of();
        int m = data.size();
        for (int from = 0; from < m; from += chunk) {
            PerExampleNorms n = PerExampleGradients.compute(net, data.slice(from, Math.min(m, from + chunk)), loss);
            looped = n.loopedParameters();
            if (s == null) {
                s = new double[names.size()][];
                for (int p = 0; p < names.size(); p++) {
                    s[p] = new double[n.sums().get(p).length];
                }
            }
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
        Map<String, double[]> perLayer = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            String layer = names.get(p).substring(0, names.get(p).indexOf('.'));
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
            layers.put(e.getKey(), value(e.getValue()[0], e.getValue()[1], m, e.getValue()[1] / qTotal));
        }
        return new Result(m, value(s2, qTotal, m, 1), layers, looped);
    }

    private static Value value(double s2, double q, int m, double weight) {
        double mCoherence = q > 0 ? s2 / q : Double.NaN;
        return new Value(mCoherence / m, mCoherence, weight);
    }
}
