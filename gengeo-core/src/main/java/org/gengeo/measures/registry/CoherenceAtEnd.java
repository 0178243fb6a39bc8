package org.gengeo.measures.registry;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.pergrad.Coherence;

/**
 * The m-coherence of the per-example gradients of the final model over a seeded sample of m
 * training examples, ||sum_i g_i||^2 / sum_i ||g_i||^2 (Chatterjee 2020; {@link Coherence}), with
 * alpha and each layer's m-coherence in the details. The sample is drawn as {@code gengeo coherence}
 * draws it, so the two agree for the same seed and size.
 */
public final class CoherenceAtEnd extends TrainingPassMeasure {
    @Override
    public String name() {
        return "coherence";
    }

    @Override
    public String description() {
        return "m-coherence of per-example gradients of the final model on m training examples (Chatterjee 2020)";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("sample", 1000, 1, true, "training examples m"),
                new MeasureParameter("seed", 0, 0, true, "seed of the sample"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(MeasureContext.sample(context.train(), p.getInt("sample"), (long) p.get("seed"),
                    "coherence-sample"), memory, context.network().precision());
            Coherence.Result r = Coherence.of(context.network(), data, context.loss(), 500);
            Map<String, Double> details = new LinkedHashMap<>();
            details.put("alpha", r.total().alpha());
            r.layers().forEach((layer, v) -> details.put(layer + ".m_coherence", v.mCoherence()));
            return new MeasureValue(r.total().mCoherence(), details);
        }
    }
}
