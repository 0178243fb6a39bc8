package org.gengeo.measures.registry;

import java.util.List;
import java.util.Map;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.measures.PriorVolume;
import org.gengeo.measures.VolumeOptions;
import org.gengeo.measures.VolumeResult;

/**
 * log10 P(f), the prior volume of the function the network computes on S u E (true labels on the
 * clean training set S, predicted labels on the first test points E) under the architecture's NNGP
 * with a probit likelihood, by Expectation Propagation (Zhang, Reid, Valle Perez, Louis 2021;
 * {@link PriorVolume}, as {@code gengeo volume} computes it with the analytic kernel). Binary models
 * with one output only.
 */
public final class LogPriorVolume implements Measure {
    @Override
    public String name() {
        return "log10-prior-volume";
    }

    @Override
    public String description() {
        return "log10 P(f) of the function on train + test points under the NNGP prior, by EP (binary models)";
    }

    @Override
    public Data data() {
        return Data.TEST;
    }

    @Override
    public Cost cost() {
        return Cost.PASSES;
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("test-points", 1000, 0, true, "test points E whose predicted labels join f"),
                new MeasureParameter("sigma-w2", 2, 1e-9, false, "NNGP weight variance sigma_w^2"),
                new MeasureParameter("sigma-b2", 1, 0, false, "NNGP bias variance sigma_b^2"));
    }

    @Override
    public String notApplicable(Architecture architecture) {
        return architecture.outputs() != 1 ? "needs a binary model with one output"
                : architecture.torchScript() != null ? "its analytic NNGP kernel needs the dense layers, and an imported TorchScript module is opaque"
                : architecture.batchNorm() ? "its analytic NNGP kernel is for MLPs without batch norm" : null;
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        VolumeOptions d = VolumeOptions.defaults();
        VolumeOptions o = new VolumeOptions("analytic", p.get("sigma-w2"), p.get("sigma-b2"), p.getInt("test-points"), d.networks(),
                d.seed(), d.tolerance(), d.maxSweeps(), false);
        VolumeResult r = PriorVolume.run(context.network(), Init.parse(context.config().init()).scaled(context.config().initScale()),
                PriorVolume.withoutAttack(context.train(), context.config().attack()), context.test(), o, null, null);
        return new MeasureValue(r.log10P(), Map.of("test_accuracy", r.testAccuracy(), "ep_seconds", r.epS()));
    }
}
