package org.gengeo.margins;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Tensors;

/**
 * The normaliser of Jiang et al. (2019): nu(x^l) = sqrt(tr Cov(x^l)) = sqrt(sum_d Var_n x^l_{n,d})
 * of each signature activation ({@link LayerProbe}) over a whole data set (population variance, ddof 0, as in the
 * DEMOGEN code), accumulated in float64 from per-coordinate sums and sums of squares in one
 * streaming inference pass. Layers are keyed as in {@link LayerProbe}.
 */
public final class ActivationSpread {
    private ActivationSpread() {}

    /** nu per layer over all of {@code data}. */
    public static Map<String, Double> of(Network net, DeviceData data) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, double[]> squares = new LinkedHashMap<>();
        for (int from = 0; from < data.size(); from += Margins.CHUNK) {
            int to = Math.min(data.size(), from + Margins.CHUNK);
            try (NDScope scope = new NDScope()) {
                Batch b = data.slice(from, to);
                LayerProbe probe = LayerProbe.of(net, false);
                net.forward(b.x(), probe);
                for (Map.Entry<String, NDArray> e : probe.activations.entrySet()) {
                    NDArray a = e.getValue().reshape(to - from, -1);
                    accumulate(sums, e.getKey(), Tensors.doubles(a.sum(new int[] {0})));
                    accumulate(squares, e.getKey(), Tensors.doubles(a.square().sum(new int[] {0})));
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        int n = data.size();
        for (String layer : sums.keySet()) {
            double[] s = sums.get(layer);
            double[] q = squares.get(layer);
            double total = 0;
            for (int d = 0; d < s.length; d++) {
                double mean = s[d] / n;
                total += Math.max(0, q[d] / n - mean * mean);
            }
            out.put(layer, Math.sqrt(total));
        }
        return out;
    }

    private static void accumulate(Map<String, double[]> acc, String layer, double[] add) {
        double[] a = acc.computeIfAbsent(layer, k -> new double[add.length]);
        for (int i = 0; i < add.length; i++) {
            a[i] += add[i];
        }
    }
}
