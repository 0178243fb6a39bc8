package org.gengeo.measures.registry;

import java.util.List;
import java.util.Map;
import org.gengeo.measures.PriorVolume;
import org.gengeo.measures.Sharpness;
import org.gengeo.measures.SharpnessOptions;
import org.gengeo.measures.SharpnessResult;

/**
 * Keskar et al. (2017) epsilon-sharpness, 100 (max_{w' in box} L(w') - L(w)) / (1 + L(w)) over the box
 * |w'_i - w_i| &lt;= eps (|w_i| + 1), by projected ascent ({@link Sharpness}, as {@code gengeo sharpness}
 * computes it), on a seeded sample of the clean training set (attack points left out, as in Zhang et
 * al. 2021).
 */
public final class KeskarSharpness extends TrainingPassMeasure {
    @Override
    public String name() {
        return "keskar-sharpness";
    }

    @Override
    public String description() {
        return "Keskar epsilon-sharpness: largest relative loss rise in a box around the weights (projected ascent)";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("eps", 1e-4, 1e-12, false, "box half-width relative to |w_i| + 1"),
                new MeasureParameter("steps", 100, 1, true, "projected ascent steps"),
                new MeasureParameter("samples", 1000, 1, true, "training examples the loss averages over"),
                new MeasureParameter("seed", 0, 0, true, "seed of the sample and the ascent's start"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        SharpnessOptions d = SharpnessOptions.defaults();
        SharpnessOptions o = new SharpnessOptions(p.get("eps"), p.getInt("steps"), d.stepFraction(), (long) p.get("seed"), d.chunk(), false,
                d.lanczosSteps(), d.probes()).validate();
        var train = MeasureContext.sample(PriorVolume.withoutAttack(context.train(), context.config().attack()), p.getInt("samples"),
                (long) p.get("seed"), "sharpness-sample");
        SharpnessResult r = Sharpness.run(context.network(), train, o, null, null);
        return new MeasureValue(r.sharpness(), Map.of("loss", r.loss(), "max_loss_in_box", r.maxLossInBox()));
    }
}
