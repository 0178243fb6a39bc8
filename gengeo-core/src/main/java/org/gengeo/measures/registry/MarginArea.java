package org.gengeo.measures.registry;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.margins.BatchNormReading;
import org.gengeo.margins.ExampleMargins;
import org.gengeo.margins.MarginCurve;
import org.gengeo.margins.Margins;

/**
 * The area under the curve of sorted normalised training margins, (f_y - max_{j != y} f_j) /
 * prod_k ||W_k||_F averaged over the training set (Banburski et al. 2021; {@link Margins}, as
 * {@code gengeo margins} computes it), with the minimum and median margin as details. Parameter
 * {@code bn-scale-invariant}: 0 (default) folds batch norm into the layer before it, 1 reads
 * batch-normalised layers as scale-invariant ({@link BatchNormReading}); no effect without batch norm.
 */
public final class MarginArea extends TrainingPassMeasure {
    @Override
    public String name() {
        return "margin-area";
    }

    @Override
    public String description() {
        return "area under the sorted normalised training-margin curve (= mean normalised margin)";
    }

    @Override
    public List<MeasureParameter> parameters() {
        return List.of(new MeasureParameter("bn-scale-invariant", 0, 0, true,
                "batch norm: 0 folds it into the layer before (W' = diag(gamma/sigma) W), 1 uses ||gamma|| for a batch-normalised layer"));
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters p) {
        int bn = p.getInt("bn-scale-invariant");
        if (bn > 1) {
            throw new GengeoException("measure 'margin-area': parameter 'bn-scale-invariant' must be 0 (fold) or 1 (scale-invariant), got " + bn);
        }
        BatchNormReading reading = bn == 1 ? BatchNormReading.SCALE_INVARIANT : BatchNormReading.FOLD;
        try (NDManager memory = TensorEngine.newManager()) {
            ExampleMargins m = Margins.of(context.network(), new DeviceData(context.train(), memory, context.network().precision()), false,
                    reading);
            MarginCurve c = MarginCurve.of(m.normalised());
            return new MeasureValue(c.area(), Map.of("min", c.min(), "median", c.median(), "log_norm_product", m.logNormProduct()));
        }
    }
}
