package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Batch;

/**
 * The median-of-three family of Chatterjee and Zielinski (2020), momentum 0: three gradients are
 * combined coordinate-wise and w &larr; w - lr g.
 * <ul>
 *   <li>{@code m3}: the minibatch split into three parts, the coordinate-wise median of their gradients;</li>
 *   <li>{@code rm3}: the median over the minibatch and two more independently drawn minibatches of its size;</li>
 *   <li>{@code ra3}: the average over those three minibatches (the control).</li>
 * </ul>
 * The median of three is computed as a + b + c - max(a, b, c) - min(a, b, c). The reported loss is
 * the mean of the three minibatch losses.
 */
public final class ThreeBatchSgd implements Optimizer {
    /** How the three gradients are obtained and combined. */
    public enum Mode { M3, RM3, RA3 }

    private final Mode mode;
    private final WeightDecay weightDecay;

    public ThreeBatchSgd(Mode mode, WeightDecay weightDecay) {
        this.mode = mode;
        this.weightDecay = weightDecay;
    }

    @Override
    public double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        List<Batch> three = new ArrayList<>(3);
        if (mode == Mode.M3) {
            long m = batch.size();
            if (m < 3) {
                throw new IllegalArgumentException("m3 needs a batch of at least 3 examples");
            }
            for (int part = 0; part < 3; part++) {
                String range = (m * part / 3) + ":" + (m * (part + 1) / 3);
                three.add(new Batch(batch.x().get(range), batch.y().get(range)));
            }
        } else {
            three.add(batch);
            three.add(oracle.randomBatch((int) batch.size(), 1));
            three.add(oracle.randomBatch((int) batch.size(), 2));
        }
        List<List<NDArray>> grads = new ArrayList<>(3);
        double loss = 0;
        for (Batch b : three) {
            GradientOracle.Gradient g = oracle.meanGradient(b);
            loss += g.loss() / 3;
            // the oracle reuses its buffers on the next call: keep copies
            grads.add(g.arrays().stream().map(NDArray::duplicate).toList());
        }
        weightDecay.shrink(params, lr);
        for (int i = 0; i < params.size(); i++) {
            NDArray a = grads.get(0).get(i);
            NDArray b = grads.get(1).get(i);
            NDArray c = grads.get(2).get(i);
            NDArray sum = a.add(b).add(c);
            NDArray combined = mode == Mode.RA3 ? sum.div(3)
                    : sum.sub(a.maximum(b).maximum(c)).sub(a.minimum(b).minimum(c));
            params.get(i).subi(combined.mul(lr));
        }
        return loss;
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
