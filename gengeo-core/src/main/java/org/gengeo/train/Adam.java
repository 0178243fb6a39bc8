package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;

/**
 * Adam (Kingma and Ba 2015) as torch.optim.Adam: m &larr; b1 m + (1 - b1) g,
 * v &larr; b2 v + (1 - b2) g^2, w &larr; w - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 * The step count t is part of the saved state (buffer {@code step}).
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final WeightDecay weightDecay;
    private final List<String> names;
    private final OptimizerState state;
    private long t;

    /** Adam for {@code network}'s parameters. */
    public Adam(Network network, double beta1, double beta2, double eps, WeightDecay weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.names = List.copyOf(network.parameters().keySet());
        this.state = new OptimizerState(network, "exp_avg", "exp_avg_sq");
    }

    @Override
    public double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        GradientOracle.Gradient g = oracle.meanGradient(batch);
        weightDecay.shrink(params, lr);
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.size(); i++) {
            NDArray grad = g.arrays().get(i);
            NDArray m = state.get("exp_avg", names.get(i));
            NDArray v = state.get("exp_avg_sq", names.get(i));
            m.muli(beta1).addi(grad.mul(1 - beta1));
            v.muli(beta2).addi(grad.square().muli(1 - beta2));
            NDArray denom = v.sqrt().divi(Math.sqrt(bc2)).addi(eps);
            params.get(i).subi(m.div(denom).muli(lr / bc1));
        }
        return g.loss();
    }

    @Override
    public Map<String, TensorData> snapshot() {
        Map<String, TensorData> out = state.snapshot();
        out.put("step", TensorData.ofDoubles(new long[0], new double[] {t}));
        return out;
    }

    @Override
    public void restore(Map<String, TensorData> saved) {
        state.restore(saved);
        TensorData step = saved.get("step");
        if (step != null) {
            t = (long) step.toDoubleArray()[0];
        }
    }

    /** Number of updates made so far (the t of the bias correction). */
    public long updates() {
        return t;
    }
}
