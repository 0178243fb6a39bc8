package org.gengeo.margins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gengeo.stats.Quantiles;

/**
 * The margin signature of Jiang et al. (ICLR 2019): per layer, the distances d_l of the correctly
 * classified examples (d &gt; 0; the others are dropped) divided by the layer's activation spread
 * nu_l ({@link ActivationSpread}), summarised by five numbers: lower fence Q1 - 1.5 IQR, Q1, the
 * median, Q3 and upper fence Q3 + 1.5 IQR, IQR = Q3 - Q1 (quartiles by linear interpolation, numpy's
 * default). The regression features are their logarithms; because the lower fence can be &lt;= 0,
 * the log of its absolute value is used, as the public reimplementations do.
 */
public record MarginSignature(List<Layer> layers) {
    /** One layer's summary of d / nu over {@code kept} correctly classified examples. */
    public record Layer(String layer, double nu, int kept, double lowerFence, double q1, double median, double q3,
                        double upperFence) {
        /** The five statistics in order: lower fence, Q1, median, Q3, upper fence. */
        public double[] values() {
            return new double[] {lowerFence, q1, median, q3, upperFence};
        }
    }

    /** The signature from distances per layer and the layers' spreads (same keys). */
    public static MarginSignature of(Map<String, double[]> distances, Map<String, Double> spread) {
        List<Layer> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : distances.entrySet()) {
            double nu = spread.get(e.getKey());
            double[] kept = Arrays.stream(e.getValue()).filter(d -> d > 0).map(d -> d / nu).sorted().toArray();
            double q1 = Quantiles.ofSorted(kept, 0.25);
            double q2 = Quantiles.ofSorted(kept, 0.5);
            double q3 = Quantiles.ofSorted(kept, 0.75);
            double iqr = q3 - q1;
            out.add(new Layer(e.getKey(), nu, kept.length, q1 - 1.5 * iqr, q1, q2, q3, q3 + 1.5 * iqr));
        }
        return new MarginSignature(List.copyOf(out));
    }

    /** The regression features: log|v| of the five statistics of every layer, layer by layer (5 L values). */
    public double[] logFeatures() {
        double[] f = new double[5 * layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            double[] v = layers.get(l).values();
            for (int k = 0; k < 5; k++) {
                f[5 * l + k] = Math.log(Math.abs(v[k]));
            }
        }
        return f;
    }
}
