package org.gengeo.measures.registry;

import java.util.List;
import java.util.Map;
import org.gengeo.measures.HessianAnalysis;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.HessianResult;

/**
 * The largest eigenvalue of the Hessian of the mean training loss (all parameters, dropout off), by
 * Lanczos with full reorthogonalisation over a seeded sample of training examples
 * ({@link HessianAnalysis}); the sharpness of Keskar et al. 2017 in its spectral form.
 */
public final class HessianTop extends TrainingCurvatureMeasure {
    @Override
    public String name() {
        return "hessian-top";
    }

    @Override
    public String description() {
        return "largest Hessian eigenvalue of the training loss (Lanczos) on a sample of training examples";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("samples", 1000, 1, true, "training examples the loss averages over"),
                new MeasureParameter("tol", 1e-4, 1e-12, false, "relative residual tolerance of Lanczos"),
                new MeasureParameter("seed", 0, 0, true, "seed of the sample and the start vector"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        HessianOptions o = new HessianOptions(1, 0, false, false, List.of(), p.getInt("samples"), "lanczos", "hessian",
                (long) p.get("seed"), 1000, 300, p.get("tol"), 2, 1, 1, 2);
        HessianResult r = HessianAnalysis.run(context.network(), context.train(), o, null, null, null);
        return new MeasureValue(r.top()[0], Map.of("residual", r.topResiduals()[0], "products", (double) r.products()));
    }
}
