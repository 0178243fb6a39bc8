package org.gengeo.measures.registry;

import java.util.List;
import java.util.Map;
import org.gengeo.measures.HessianAnalysis;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.HessianResult;

/**
 * The trace of the Hessian of the mean training loss (all parameters, dropout off) by Hutchinson's
 * estimator with Rademacher probes, tr H ~ mean_k z_k^T H z_k (Hutchinson 1989; PyHessian), over a
 * seeded sample of training examples ({@link HessianAnalysis}); probes are added until the relative
 * standard error reaches {@code tol}. The details hold the standard error and the probes used.
 */
public final class HessianTrace extends TrainingCurvatureMeasure {
    @Override
    public String name() {
        return "hessian-trace";
    }

    @Override
    public String description() {
        return "Hessian trace of the training loss (Hutchinson) on a sample of training examples";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("samples", 1000, 1, true, "training examples the loss averages over"),
                new MeasureParameter("probes", 100, 2, true, "most Rademacher probes"),
                new MeasureParameter("tol", 0.02, 1e-9, false, "relative standard error at which to stop"),
                new MeasureParameter("seed", 0, 0, true, "seed of the sample and the probes"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        HessianOptions o = new HessianOptions(0, 0, true, false, List.of(), p.getInt("samples"), "lanczos", "hessian",
                (long) p.get("seed"), 1000, 1, 1e-6, p.getInt("probes"), p.get("tol"), 1, 2);
        HessianResult.Trace t = HessianAnalysis.run(context.network(), context.train(), o, null, null, null).trace();
        return new MeasureValue(t.value(), Map.of("standard_error", t.standardError(), "probes", (double) t.probes()));
    }
}
