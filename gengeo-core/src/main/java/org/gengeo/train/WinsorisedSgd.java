package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Batch;
import org.gengeo.pergrad.PerExampleGradients;
import org.gengeo.pergrad.WinsorisedMean;

/**
 * Winsorised gradient descent (Chatterjee and Zielinski 2020): each coordinate of every example's
 * gradient is clipped to the range spanned, in that coordinate, by the (k+1)-th smallest and
 * (k+1)-th largest values across the minibatch, k = floor(c B / 100) for level c in [0, 50), and the
 * clipped gradients are averaged; then w &larr; w - lr g. With c = 0 the range is [min, max] and
 * this is plain SGD. The clipped mean is {@link WinsorisedMean} (a selection, not a sort per
 * coordinate, on the factored dense-layer gradients). Per-example gradients are taken with dropout off; weight decay is added after clipping.
 */
public final class WinsorisedSgd implements Optimizer {
    private final double level;
    private final WeightDecay weightDecay;

    /** Winsorised SGD at level {@code level} percent. */
    public WinsorisedSgd(double level, WeightDecay weightDecay) {
        if (!(level >= 0 && level < 50)) {
            throw new IllegalArgumentException("winsorisation level must be in [0, 50), got " + level);
        }
        this.level = level;
        this.weightDecay = weightDecay;
    }

    @Override
    public double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        PerExampleGradients.Factored g = oracle.perExample(batch);
        int m = (int) batch.size();
        int k = (int) Math.floor(level * m / 100.0);
        List<NDArray> direction = new ArrayList<>(params.size());
        for (int p = 0; p < params.size(); p++) {
            direction.add(WinsorisedMean.of(g.rows().get(p), k, params.get(p)));
        }
        oracle.addWeightDecay(params, direction);
        weightDecay.shrink(params, lr);
        for (int i = 0; i < params.size(); i++) {
            params.get(i).subi(direction.get(i).mul(lr));
        }
        return g.meanLoss();
    }

    @Override
    public Map<String, TensorData> snapshot() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, TensorData> saved) {
        // stateless
    }
}
