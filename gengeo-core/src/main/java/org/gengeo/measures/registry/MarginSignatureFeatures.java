package org.gengeo.measures.registry;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.margins.ActivationSpread;
import org.gengeo.margins.LayerDistances;
import org.gengeo.margins.MarginSignature;

/**
 * The layer-wise margin signature of Jiang, Krishnan, Mobahi and Bengio (ICLR 2019) as regression
 * features: at each layer l of the signature ({@link org.gengeo.margins.LayerDistances}: the input of every dense and
 * convolutional layer, or for a residual network its input and each stage's output), the distances d_l = (f_i - f_j) / sqrt(1e-6 +
 * ||grad_{x^l}(f_i - f_j)||^2) of the correctly classified examples of a seeded training sample,
 * divided by nu_l = sqrt(tr Cov(x^l)) over the whole training set ({@link LayerDistances},
 * {@link ActivationSpread}, {@link MarginSignature}, as {@code gengeo margins} computes them), and per
 * layer log|v| of the lower fence, Q1, median, Q3 and upper fence. The details hold those 5 L features,
 * named {@code LAYER.log_STAT} (e.g. {@code fc0.log_q1}), in the order of
 * {@link MarginSignature#logFeatures()}; the ranked value is their summary mean_l log median_l(d / nu).
 */
public final class MarginSignatureFeatures extends TrainingPassMeasure {
    /** The statistic names, in the order of {@link MarginSignature.Layer#values()}. */
    public static final List<String> STATISTICS = List.of("lower_fence", "q1", "median", "q3", "upper_fence");

    @Override
    public String name() {
        return "margin-signature";
    }

    @Override
    public String notApplicable(org.gengeo.core.model.Architecture architecture) {
        return architecture.torchScript() != null ? "needs each layer's input, and an imported TorchScript module is opaque" : null;
    }

    @Override
    public String description() {
        return "Jiang et al. 2019 layer-wise margin signature: log|fences, quartiles| of d/nu per layer in the details; value = mean log median";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(
                new MeasureParameter("sample", 10000, 1, true, "training examples whose distances are summarised (the spread uses all)"),
                new MeasureParameter("seed", 0, 0, true, "seed of the sample (gengeo margins --seed)"));
    }

    @Override
    public boolean detailsAreFeatures() {
        return true;
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData all = new DeviceData(context.train(), memory, context.network().precision());
            DeviceData sample = new DeviceData(MeasureContext.sample(context.train(), p.getInt("sample"), (long) p.get("seed"),
                    "signature-sample"), memory, context.network().precision());
            MarginSignature s = MarginSignature.of(LayerDistances.of(context.network(), sample, 1000),
                    ActivationSpread.of(context.network(), all));
            return features(s);
        }
    }

    /** The named log features of {@code s} and their summary value. */
    static MeasureValue features(MarginSignature s) {
        double[] f = s.logFeatures();
        Map<String, Double> details = new LinkedHashMap<>();
        double medians = 0;
        for (int l = 0; l < s.layers().size(); l++) {
            for (int k = 0; k < STATISTICS.size(); k++) {
                details.put(s.layers().get(l).layer() + ".log_" + STATISTICS.get(k), f[STATISTICS.size() * l + k]);
            }
            medians += f[STATISTICS.size() * l + STATISTICS.indexOf("median")] / s.layers().size();
        }
        return new MeasureValue(medians, details);
    }
}
