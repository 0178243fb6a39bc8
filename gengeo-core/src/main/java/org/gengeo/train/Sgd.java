package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;

/**
 * Stochastic gradient descent, optionally with momentum, as torch.optim.SGD (dampening 0):
 * b &larr; mu b + g; heavy ball: w &larr; w - lr b; Nesterov: w &larr; w - lr (g + mu b).
 * With mu = 0 this is plain SGD, w &larr; w - lr g.
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final WeightDecay weightDecay;
    private final List<String> names;
    private final OptimizerState state;

    /** SGD for {@code network}'s parameters. */
    public Sgd(Network network, double momentum, boolean nesterov, WeightDecay weightDecay) {
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.names = List.copyOf(network.parameters().keySet());
        this.state = momentum > 0 ? new OptimizerState(network, "momentum") : new OptimizerState(network);
    }

    @Override
    public double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        GradientOracle.Gradient g = oracle.meanGradient(batch);
        weightDecay.shrink(params, lr);
        // one 0-dim float64 lr for every parameter, as NDArray.mul(Number) would create per call: the
        // product is computed in the parameter's type either way, so w - lr g is the same to the bit
        NDArray rate = params.get(0).getManager().create(lr);
        for (int i = 0; i < params.size(); i++) {
            NDArray grad = g.arrays().get(i);
            if (momentum > 0) {
                NDArray buf = state.get("momentum", names.get(i));
                buf.muli(momentum).addi(grad);
                NDArray direction = nesterov ? grad.add(buf.mul(momentum)) : buf;
                params.get(i).subi(direction.mul(rate));
            } else {
                // the gradient buffer is scaled in place: the oracle's gradients live until the next call only
                params.get(i).subi(grad.muli(rate));
            }
        }
        return g.loss();
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
