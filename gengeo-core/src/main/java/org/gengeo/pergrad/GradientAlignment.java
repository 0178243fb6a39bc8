package org.gengeo.pergrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Tensors;

/**
 * Each example's alignment with the mean gradient, cos(g_i, g) = &lt;g_i, S&gt; / (||g_i|| ||S||)
 * with S = sum_j g_j over the same examples: the per-example form of coherence. Chatterjee and
 * Zielinski (2022) predict that examples whose gradients align with the rest are learnt first. Two
 * streaming passes: one for S and the norms, one for the dot products, dense weights in factored
 * form (&lt;delta_i a_i^T, S_W&gt; = delta_i^T S_W a_i), so no m x parameters array is built.
 * Dropout is off.
 */
public final class GradientAlignment {
    private GradientAlignment() {}

    /** cos(g_i, S) for every example of {@code data}, in chunks of {@code chunk}; NaN for a zero gradient. */
    public static double[] withMean(Network net, DeviceData data, Loss loss, int chunk) {
        int m = data.size();
        List<double[]> sum = null;
        double[] norm2 = new double[m];
        for (int from = 0; from < m; from += chunk) {
            PerExampleNorms n = PerExampleGradients.compute(net, data.slice(from, Math.min(m, from + chunk)), loss);
            sum = sum == null ? copy(n.sums()) : add(sum, n.sums());
            for (double[] perParam : n.squaredNorms()) {
                for (int i = 0; i < perParam.length; i++) {
                    norm2[from + i] += perParam[i];
                }
            }
        }
        double sumNorm = 0;
        for (double[] s : sum) {
            for (double v : s) {
                sumNorm += v * v;
            }
        }
        sumNorm = Math.sqrt(sumNorm);
        List<NDArray> params = net.parameterList();
        double[] cos = new double[m];
        for (int from = 0; from < m; from += chunk) {
            try (NDScope scope = new NDScope()) {
                PerExampleGradients.Factored f = PerExampleGradients.factored(net, data.slice(from, Math.min(m, from + chunk)), loss);
                double[] dots = new double[Math.min(m, from + chunk) - from];
                for (int p = 0; p < params.size(); p++) {
                    NDArray s = params.get(p).getManager().create(sum.get(p), new Shape(params.get(p).getShape().getShape()))
                            .toType(params.get(p).getDataType(), false);
                    double[] d = Tensors.doubles(dotWith(f.rows().get(p), s));
                    for (int i = 0; i < dots.length; i++) {
                        dots[i] += d[i];
                    }
                }
                for (int i = 0; i < dots.length; i++) {
                    double denominator = Math.sqrt(norm2[from + i]) * sumNorm;
                    cos[from + i] = denominator > 0 ? dots[i] / denominator : Double.NaN;
                }
            }
        }
        return cos;
    }

    /** &lt;g_i, s&gt; for every example i. */
    private static NDArray dotWith(PerExampleRows rows, NDArray s) {
        if (rows instanceof PerExampleRows.Outer o) {
            return o.delta().matMul(s).mul(o.input()).sum(new int[] {1});
        }
        NDArray r = ((PerExampleRows.Explicit) rows).rows();
        return r.reshape(r.getShape().get(0), -1).matMul(s.reshape(-1, 1)).reshape(-1);
    }

    private static List<double[]> copy(List<double[]> x) {
        List<double[]> out = new ArrayList<>();
        for (double[] v : x) {
            out.add(v.clone());
        }
        return out;
    }

    private static List<double[]> add(List<double[]> acc, List<double[]> x) {
        for (int p = 0; p < acc.size(); p++) {
            for (int k = 0; k < acc.get(p).length; k++) {
                acc.get(p)[k] += x.get(p)[k];
            }
        }
        return acc;
    }
}
