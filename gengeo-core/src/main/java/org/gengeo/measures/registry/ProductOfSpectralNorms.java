package org.gengeo.measures.registry;

import java.util.Map;

/**
 * log prod_l ||W_l||_2^2 = 2 sum_l log ||W_l||_2, the "prod.of.spec" measure of Jiang et al. 2020
 * (section C, the spectral-norm bounds of Bartlett et al. 2017 and Neyshabur et al. 2018 without
 * their margin and distance factors), in logarithms to stay finite for deep networks.
 */
public final class ProductOfSpectralNorms extends WeightMeasure {
    @Override
    public String name() {
        return "log-prod-spectral";
    }

    @Override
    public String description() {
        return "log of the product over layers of ||W||_2^2 (Jiang et al. 2020 prod.of.spec)";
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        double log = 0;
        for (WeightMatrix w : context.weightMatrices()) {
            log += 2 * Math.log(w.singularValues()[0]);
        }
        return new MeasureValue(log, Map.of());
    }
}
