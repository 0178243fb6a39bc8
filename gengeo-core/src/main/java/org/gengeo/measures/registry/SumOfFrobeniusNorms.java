package org.gengeo.measures.registry;

import java.util.Map;

/**
 * log(d (prod_l ||W_l||_F^2)^(1/d)) for a network of d weight layers, the "sum.of.fro" measure of
 * Jiang et al. 2020 (section C): the smallest value of sum_l ||W_l||_F^2 over all rescalings of the
 * layers that leave a ReLU network's function unchanged (by the AM-GM inequality). The details hold
 * the plain sum_l ||W_l||_F^2 too.
 */
public final class SumOfFrobeniusNorms extends WeightMeasure {
    @Override
    public String name() {
        return "log-sum-frobenius";
    }

    @Override
    public String description() {
        return "log(d * (product over the d layers of ||W||_F^2)^(1/d)) (Jiang et al. 2020 sum.of.fro)";
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        double logProduct = 0;
        double plain = 0;
        int d = 0;
        for (WeightMatrix w : context.weightMatrices()) {
            double f2 = w.frobeniusSquared();
            logProduct += Math.log(f2);
            plain += f2;
            d++;
        }
        return new MeasureValue(Math.log(d) + logProduct / d, Map.of("plain_sum_squared", plain));
    }
}
