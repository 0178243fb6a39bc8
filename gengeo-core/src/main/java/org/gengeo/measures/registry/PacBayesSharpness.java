package org.gengeo.measures.registry;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.Seeds;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;

/**
 * The PAC-Bayes bound with the sharpness-derived sigma, "pacbayes.init" of Jiang et al. 2020
 * (section C.3, after McAllester 1999 and Dziugaite and Roy 2017):
 * mu = ||w - w_0||^2 / (4 sigma^2) + log(m / sigma) + 10, m the training set size, where sigma is
 * the largest standard deviation of an isotropic Gaussian perturbation u ~ N(0, sigma^2 I) of all
 * parameters such that the mean training accuracy drops by at most {@code deviation} (0.1, their
 * target deviation): acc(w) - E_u acc(w + u) &lt;= deviation, found by bisection on log sigma over
 * [sigma-min, sigma-max] (their Algorithm 1). The expectation is the mean over {@code draws} fixed
 * seeded directions (common random numbers, so the search is deterministic), on a seeded sample of
 * {@code samples} training examples. The details hold sigma and 1/sigma^2 (their "pacbayes.sharpness"
 * flatness measure).
 */
public final class PacBayesSharpness extends TrainingPassMeasure {
    @Override
    public String name() {
        return "pacbayes-sharpness";
    }

    @Override
    public String notApplicable(org.gengeo.core.model.Architecture architecture) {
        return architecture.torchScript() != null ? "needs the distance from the initial weights, which an imported TorchScript module does not have" : null;
    }

    @Override
    public String description() {
        return "||w-w0||^2/(4 s^2) + log(m/s) + 10, s the largest Gaussian perturbation costing <= deviation accuracy "
                + "(Jiang et al. 2020 pacbayes.init)";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("samples", 1000, 1, true, "training examples the accuracy is measured on"),
                new MeasureParameter("draws", 10, 1, true, "perturbations averaged per sigma"),
                new MeasureParameter("deviation", 0.1, 1e-6, false, "allowed drop of the mean training accuracy"),
                new MeasureParameter("steps", 20, 1, true, "bisection steps on log sigma"),
                new MeasureParameter("sigma-min", 1e-6, 1e-12, false, "lower end of the search"),
                new MeasureParameter("sigma-max", 10, 1e-12, false, "upper end of the search"),
                new MeasureParameter("seed", 0, 0, true, "seed of the sample and the perturbations"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        long seed = (long) params.get("seed");
        Network net = context.network();
        double sigma;
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData sample = new DeviceData(MeasureContext.sample(context.train(), params.getInt("samples"), seed, "pacbayes-sample"),
                    memory, net.precision());
            double base = Evaluation.of(net, sample, context.loss()).accuracy();
            sigma = largestSigma(context, sample, base, params, seed);
        }
        double dist2 = DistanceFromInit.squaredDistance(context, null);
        int m = context.train().size();
        double bound = dist2 / (4 * sigma * sigma) + Math.log(m / sigma) + 10;
        Map<String, Double> details = new LinkedHashMap<>();
        details.put("sigma", sigma);
        details.put("inverse_sigma_squared", 1 / (sigma * sigma));
        details.put("distance_squared", dist2);
        return new MeasureValue(bound, details);
    }

    /** Bisection on log sigma for the largest sigma whose mean accuracy drop is at most the deviation. */
    private static double largestSigma(MeasureContext context, DeviceData sample, double base, MeasureParameters p, long seed) {
        double lo = Math.log(p.get("sigma-min"));
        double hi = Math.log(p.get("sigma-max"));
        double deviation = p.get("deviation");
        if (drop(context, sample, base, Math.exp(hi), p.getInt("draws"), seed) <= deviation) {
            return Math.exp(hi);
        }
        for (int i = 0; i < p.getInt("steps"); i++) {
            double mid = (lo + hi) / 2;
            if (drop(context, sample, base, Math.exp(mid), p.getInt("draws"), seed) <= deviation) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(lo);
    }

    /** acc(w) minus the mean accuracy of w + sigma z_k over the fixed directions z_1..z_draws. */
    private static double drop(MeasureContext context, DeviceData sample, double base, double sigma, int draws, long seed) {
        Network net = context.network();
        double sum = 0;
        for (int k = 0; k < draws; k++) {
            SplittableRandom rng = Seeds.random(seed, "pacbayes-direction", k);
            try (NDManager memory = TensorEngine.newManager()) {
                Map<String, NDArray> values = new LinkedHashMap<>();
                for (Map.Entry<String, double[]> e : context.weights().entrySet()) {
                    double[] w = e.getValue().clone();
                    for (int i = 0; i < w.length; i++) {
                        w[i] += sigma * rng.nextGaussian();
                    }
                    NDArray a = memory.create(w, net.parameters().get(e.getKey()).getShape());
                    values.put(e.getKey(), net.precision() == Precision.FLOAT64 ? a : a.toType(net.precision().dataType(), false));
                }
                sum += Evaluation.of(net, values, sample, context.loss()).accuracy();
            }
        }
        return base - sum / draws;
    }
}
