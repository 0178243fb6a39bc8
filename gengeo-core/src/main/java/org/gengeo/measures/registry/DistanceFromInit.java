package org.gengeo.measures.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distance from initialisation ||w - w_0||_2 over all parameters (weights and biases), with each
 * layer's distance in the details; Jiang et al. 2020 rank its square ("frob.distance" sums it per
 * layer, Nagarajan and Kolter 2019). The initial weights are re-created from the run's seed (see
 * {@link MeasureContext#initialWeights()}).
 */
public final class DistanceFromInit extends WeightMeasure {
    @Override
    public String name() {
        return "dist-init";
    }

    @Override
    public String notApplicable(org.gengeo.core.model.Architecture architecture) {
        return architecture.torchScript() != null ? "needs the initial weights, which an imported TorchScript module does not have" : null;
    }

    @Override
    public String description() {
        return "||w - w0||_2 over all parameters, w0 re-created from the run's seed (Jiang et al. 2020 frob.distance)";
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        Map<String, Double> layers = new LinkedHashMap<>();
        double total = squaredDistance(context, layers);
        layers.replaceAll((k, v) -> Math.sqrt(v));
        return new MeasureValue(Math.sqrt(total), layers);
    }

    /** ||w - w_0||^2, adding each layer's share to {@code perLayer} (null: not wanted). */
    static double squaredDistance(MeasureContext context, Map<String, Double> perLayer) {
        Map<String, double[]> w0 = context.initialWeights();
        double total = 0;
        for (Map.Entry<String, double[]> e : context.weights().entrySet()) {
            double[] a = e.getValue();
            double[] b = w0.get(e.getKey());
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                s += d * d;
            }
            total += s;
            if (perLayer != null) {
                perLayer.merge(e.getKey().substring(0, e.getKey().lastIndexOf('.')), s, Double::sum);
            }
        }
        return total;
    }
}
