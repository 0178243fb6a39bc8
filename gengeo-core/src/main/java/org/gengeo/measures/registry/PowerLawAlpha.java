package org.gengeo.measures.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mean over layers of the power-law exponent alpha of each layer's eigenvalue spectrum, the
 * heavy-tailed self-regularisation metric of Martin and Mahoney (2021, "Predicting trends in the
 * quality of state-of-the-art neural networks without access to training or testing data", the
 * "alpha" that WeightWatcher reports): the eigenvalues of X = W^T W / N are fitted by
 * {@link PowerLawFit} (maximum likelihood, xmin by the smallest KS distance). Smaller alpha means a
 * heavier tail, which they find in better-trained layers. A layer with fewer than
 * {@link PowerLawFit#MIN_TAIL} positive eigenvalues has no fit and is left out of the mean. Details:
 * each layer's alpha, xmin and KS distance.
 */
public final class PowerLawAlpha extends WeightMeasure {
    @Override
    public String name() {
        return "powerlaw-alpha";
    }

    @Override
    public String description() {
        return "mean over layers of the power-law exponent of the eigenvalues of W^T W / N, MLE with KS-chosen xmin "
                + "(Martin and Mahoney 2021, WeightWatcher's alpha)";
    }

    @Override
    public MeasureValue compute(MeasureContext context, MeasureParameters params) {
        Map<String, Double> details = new LinkedHashMap<>();
        double sum = 0;
        int fitted = 0;
        for (WeightMatrix w : context.weightMatrices()) {
            PowerLawFit f = PowerLawFit.fit(w.correlationEigenvalues());
            if (f == null) {
                continue;
            }
            details.put(w.layer() + ".alpha", f.alpha());
            details.put(w.layer() + ".xmin", f.xmin());
            details.put(w.layer() + ".ks", f.ks());
            sum += f.alpha();
            fitted++;
        }
        return new MeasureValue(fitted == 0 ? Double.NaN : sum / fitted, details);
    }
}
