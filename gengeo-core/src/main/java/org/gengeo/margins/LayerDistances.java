package org.gengeo.margins;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Tensors;

/**
 * First-order distance to the decision boundary at each layer of the signature ({@link LayerProbe}; Jiang, Krishnan,
 * Mobahi, Bengio, ICLR 2019, eq. 3 as in the DEMOGEN code): for true class i and j the highest
 * other class, d_l = (f_i - f_j) / sqrt(eps + ||grad_{x^l}(f_i - f_j)||_2^2), eps = 1e-6 inside
 * the root, the gradient taken with respect to the whole activation tensor x^l. All layers come from
 * one backward pass per chunk seeded with e_i - e_j (examples are independent, so the gradient of the
 * summed margins is each example's own). For a one-output model f_i - f_j is the signed logit
 * (2y - 1) f. Misclassified examples get d &lt;= 0 and are kept here; {@link MarginSignature} drops them.
 */
public final class LayerDistances {
    /** The epsilon inside the square root, as in the official code. */
    public static final double EPS = 1e-6;

    private LayerDistances() {}

    /** Distances per layer (keyed as in {@link LayerProbe}, input first) for every example of {@code data}. */
    public static Map<String, double[]> of(Network net, DeviceData data, int chunk) {
        Map<String, double[]> out = new LinkedHashMap<>();
        List<NDArray> params = net.parameterList();
        for (NDArray p : params) {
            Autograd.track(p, false);
        }
        try {
            for (int from = 0; from < data.size(); from += chunk) {
                int to = Math.min(data.size(), from + chunk);
                try (NDScope scope = new NDScope()) {
                    Batch b = data.slice(from, to);
                    LayerProbe probe = LayerProbe.of(net, true);
                    NDArray margins = Autograd.recording(() -> {
                        NDArray mm = Margins.of(net.forward(b.x(), probe), b.y());
                        Autograd.backward(mm.sum(), false);
                        return mm;
                    });
                    double[] m = Tensors.doubles(margins.stopGradient());
                    for (Map.Entry<String, NDArray> e : probe.zeros.entrySet()) {
                        NDArray g = e.getValue().getGradient().reshape(to - from, -1);
                        double[] g2 = Tensors.doubles(g.square().sum(new int[] {1}));
                        double[] d = out.computeIfAbsent(e.getKey(), k -> new double[data.size()]);
                        for (int i = 0; i < m.length; i++) {
                            d[from + i] = m[i] / Math.sqrt(EPS + g2[i]);
                        }
                    }
                }
            }
        } finally {
            for (NDArray p : params) {
                Autograd.track(p, true);
            }
        }
        return out;
    }
}
