package org.gengeo.measures.registry;

import java.util.List;
import java.util.Map;
import org.gengeo.measures.HessianAnalysis;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.HessianResult;

/**
 * The effective dimensionality of the training-loss Hessian (Maddox, Benton and Wilson 2020,
 * "Rethinking parameter counting in deep models: effective dimensionality revisited", eq. 2):
 * N_eff(H, z) = sum_i lambda_i / (lambda_i + z), the number of parameter directions whose curvature
 * exceeds the scale z, with negative eigenvalues counted as 0. It is a spectral sum, estimated by
 * stochastic Lanczos quadrature over the whole spectrum ({@link HessianAnalysis} with the density
 * option: N_eff ~ n * mean_r sum_i tau_i f(theta_i)), on a seeded sample of training examples, dropout
 * off. The details hold the standard error over the SLQ runs and the SLQ trace estimate.
 */
public final class HessianEffectiveDimension extends TrainingCurvatureMeasure {
    @Override
    public String name() {
        return "hessian-effective-dim";
    }

    @Override
    public String description() {
        return "effective dimensionality sum_i lambda_i / (lambda_i + z) of the training-loss Hessian, by stochastic Lanczos quadrature";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("z", 1.0, 1e-12, false, "curvature scale: directions with lambda >> z count 1, lambda << z count 0"),
                new MeasureParameter("samples", 1000, 1, true, "training examples the loss averages over"),
                new MeasureParameter("runs", 10, 2, true, "SLQ runs (random start vectors)"),
                new MeasureParameter("steps", 80, 2, true, "Lanczos steps per run"),
                new MeasureParameter("seed", 0, 0, true, "seed of the sample and the start vectors"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        HessianOptions d = HessianOptions.defaults();
        HessianOptions o = new HessianOptions(0, 0, false, true, List.of(), p.getInt("samples"), "lanczos", "hessian",
                (long) p.get("seed"), d.chunk(), d.maxSteps(), d.tol(), d.traceProbes(), d.traceTol(), p.getInt("runs"), p.getInt("steps"));
        HessianResult r = HessianAnalysis.run(context.network(), context.train(), o, null, null, null);
        double z = p.get("z");
        double[] nEff = r.density().traceOf(lambda -> lambda > 0 ? lambda / (lambda + z) : 0, r.dimension());
        double[] trace = r.density().traceOf(lambda -> lambda, r.dimension());
        return new MeasureValue(nEff[0], Map.of("standard_error", nEff[1], "slq_trace", trace[0], "parameters", (double) r.dimension()));
    }
}
