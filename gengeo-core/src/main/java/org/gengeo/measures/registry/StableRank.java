package org.gengeo.measures.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mean over layers of the stable rank ||W||_F^2 / ||W||_2^2 (a continuous lower bound of the
 * rank; Sanyal, Torr and Dokania 2020; one of WeightWatcher's metrics), with each layer's value in
 * the details.
 */
public final class StableRank extends WeightMeasure {
    @Override
    public String name() {
        return "stable-rank";
    }

    @Override
    public String description() {
        return "mean over layers of ||W||_F^2 / ||W||_2^2 (Sanyal et al. 2020)";
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        Map<String, Double> layers = new LinkedHashMap<>();
        double sum = 0;
        for (WeightMatrix w : context.weightMatrices()) {
            double s = w.singularValues()[0];
            double r = w.frobeniusSquared() / (s * s);
            layers.put(w.layer(), r);
            sum += r;
        }
        return new MeasureValue(sum / layers.size(), layers);
    }
}
