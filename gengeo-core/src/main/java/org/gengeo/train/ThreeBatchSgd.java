package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;

/**
 * The median-of-three family of Chatterjee and Zielinski (2020), momentum 0: three gradients are
 * combined coordinate-wise and w &larr; w - lr g.
 * <ul>
 *   <li>{@code m3}: the minibatch split into three parts, the coordinate-wise median of their gradients;</li>
 *   <li>{@code rm3}: as Zielinski, Krishnan and Chatterjee (2020, arXiv 2003.07422) define it, the median of the
 *       current step's minibatch gradient and the minibatch gradients of the two previous steps (taken at the
 *       weights of their own steps; no extra gradient is computed). The first two steps, with fewer than three
 *       gradients, use the mean of those there are (the median of one or two values);</li>
 *   <li>{@code ra3}: the average of the same three gradients as {@code rm3} (the control);</li>
 *   <li>{@code rm3-fresh}, {@code ra3-fresh}: gengeo's earlier variant, the median or average over the minibatch
 *       and two more independently drawn minibatches of its size, all at the current weights (three gradients a step).</li>
 * </ul>
 * The median of three is computed as a + b + c - max(a, b, c) - min(a, b, c). The reported loss is
 * the mean of the three minibatch losses ({@code m3}, {@code *-fresh}) or the current minibatch's loss
 * ({@code rm3}, {@code ra3}). The two previous gradients of {@code rm3}/{@code ra3} are optimiser state,
 * saved in checkpoints, so a resumed run takes the same steps.
 */
public final class ThreeBatchSgd implements Optimizer {
    /** How the three gradients are obtained and combined. */
    public enum Mode { M3, RM3, RA3, RM3_FRESH, RA3_FRESH }

    private static final String PREVIOUS = "previous-gradient";
    private static final String BEFORE_PREVIOUS = "gradient-before-previous";

    private final Mode mode;
    private final WeightDecay weightDecay;
    private final List<String> names;
    private final OptimizerState state;

    public ThreeBatchSgd(Network network, Mode mode, WeightDecay weightDecay) {
        this.mode = mode;
        this.weightDecay = weightDecay;
        this.names = List.copyOf(network.parameters().keySet());
        boolean history = mode == Mode.RM3 || mode == Mode.RA3;
        this.state = history ? new OptimizerState(network, PREVIOUS, BEFORE_PREVIOUS) : new OptimizerState(network);
    }

    @Override
    public double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        return mode == Mode.RM3 || mode == Mode.RA3 ? stepWithHistory(params, batch, oracle, lr) : stepOnThreeBatches(params, batch, oracle, lr);
    }

    /** rm3 / ra3: the current gradient with the two previous steps' gradients. */
    private double stepWithHistory(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        GradientOracle.Gradient g = oracle.meanGradient(batch);
        long previous = Math.min(2, oracle.step());
        weightDecay.shrink(params, lr);
        for (int i = 0; i < params.size(); i++) {
            NDArray a = g.arrays().get(i);
            NDArray b = state.get(PREVIOUS, names.get(i));
            NDArray c = state.get(BEFORE_PREVIOUS, names.get(i));
            NDArray combined;
            if (previous == 0) {
                combined = a;
            } else if (previous == 1) {
                combined = a.add(b).div(2);
            } else {
                NDArray sum = a.add(b).add(c);
                combined = mode == Mode.RA3 ? sum.div(3) : sum.sub(a.maximum(b).maximum(c)).sub(a.minimum(b).minimum(c));
            }
            params.get(i).subi(combined.mul(lr));
            b.copyTo(c);
            a.copyTo(b);
        }
        return g.loss();
    }

    private double stepOnThreeBatches(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
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
            NDArray combined = mode == Mode.RA3_FRESH ? sum.div(3)
                    : sum.sub(a.maximum(b).maximum(c)).sub(a.minimum(b).minimum(c));
            params.get(i).subi(combined.mul(lr));
        }
        return loss;
    }

    @Override
    public Map<String, TensorData> snapshot() {
        return state.snapshot();
    }

    @Override
    public void restore(Map<String, TensorData> saved) {
        state.restore(saved);
    }
}
