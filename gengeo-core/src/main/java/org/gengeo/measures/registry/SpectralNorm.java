package org.gengeo.measures.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sum over layers of the spectral norm ||W_l||_2 (largest singular value, from a full SVD; a
 * convolution's kernel reshaped to [out, in k k]), with each layer's value in the details. Jiang et
 * al. 2020 use the spectral norms through their product ({@link ProductOfSpectralNorms}).
 */
public final class SpectralNorm extends WeightMeasure {
    @Override
    public String name() {
        return "spectral-norm";
    }

    @Override
    public String description() {
        return "sum over layers of the largest singular value ||W||_2; per-layer values in the details";
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        Map<String, Double> layers = new LinkedHashMap<>();
        double sum = 0;
        for (WeightMatrix w : context.weightMatrices()) {
            double s = w.singularValues()[0];
            sum += s;
            layers.put(w.layer(), s);
        }
        return new MeasureValue(sum, layers);
    }
}
