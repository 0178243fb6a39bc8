package org.gengeo.measures.registry;

import java.util.List;
import java.util.Map;
import org.gengeo.core.model.Architecture;
import org.gengeo.duality.DualityAnalysis;
import org.gengeo.duality.DualityOptions;
import org.gengeo.duality.DualityResult;

/**
 * The activity-weight duality terms of Feng and Tu (2021) on one dense layer ({@link DualityAnalysis},
 * as {@code gengeo duality} computes it, in the run's precision): the value is the part of the exact
 * generalization-loss decomposition carried by the 10 sharpest directions (ordered by sigma_g, the
 * authors' ordering); the details give the flat part, the dual-weight size sum_n sigma_w,n^2 and the
 * true generalization loss.
 */
public final class DualSharpTerm implements Measure {
    @Override
    public String name() {
        return "dual-sharp-term";
    }

    @Override
    public String description() {
        return "activity-weight duality: the sharp (top-10 by sigma_g) part of the generalization-loss decomposition of layer fc<layer>";
    }

    @Override
    public Data data() {
        return Data.TEST;
    }

    @Override
    public Cost cost() {
        return Cost.CURVATURE;
    }

    @Override
    public String notApplicable(Architecture architecture) {
        if (architecture.torchScript() != null) {
            return "analytic dual weights need the dense layers, and an imported TorchScript module is opaque";
        }
        return architecture.batchNorm() ? "defined for networks without batch norm" : null;
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(new MeasureParameter("layer", 1, 0, true, "index of the dense layer (fcN) whose dual weights are taken"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        DualityOptions d = DualityOptions.defaults();
        DualityOptions o = new DualityOptions(String.valueOf(p.getInt("layer")), d.augmented(), d.space(), d.neighbours(), d.allPairs(), d.hessian(),
                d.top(), d.denseLimit(), d.sharp(), d.chunk(), d.seed());
        DualityResult r = DualityAnalysis.run(context.network(), DualityAnalysis.cleanTrain(context.split()), context.test(), o, null,
                null, DualityAnalysis.mislabelled(context.split()).length);
        return new MeasureValue(r.splitBySigmaG().sharpTotal(), Map.of("flat_term", r.splitBySigmaG().flatTotal(),
                "dual_size", r.size().sumSigmaW2(), "generalization_loss", r.generalizationLoss(), "identity_total", r.identity().total()));
    }
}
