package org.gengeo.measures.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Frobenius norm of all weight matrices together, sqrt(sum_l ||W_l||_F^2) (biases left out), with
 * each layer's ||W_l||_F in the details. Jiang et al. 2020, "Fantastic generalization measures and
 * where to find them", the parameter-norm family (their "params norm" is the square of this value).
 */
public final class FrobeniusNorm extends WeightMeasure {
    @Override
    public String name() {
        return "frobenius-norm";
    }

    @Override
    public String description() {
        return "sqrt(sum over layers of ||W||_F^2), weights only; per-layer norms in the details (Jiang et al. 2020)";
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        Map<String, Double> layers = new LinkedHashMap<>();
        double total = 0;
        for (WeightMatrix w : context.weightMatrices()) {
            double f2 = w.frobeniusSquared();
            total += f2;
            layers.put(w.layer(), Math.sqrt(f2));
        }
        return new MeasureValue(Math.sqrt(total), layers);
    }
}
