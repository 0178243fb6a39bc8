package org.gengeo.measures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.ConstantOps;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.curvature.ParameterBlock;

/**
 * The mean data loss L(w) = (1/N) sum_i l(f(x_i; w), y_i) of a network over a fixed data set as a
 * function of all its parameters (flat, in network order), with dropout off, evaluated in chunks.
 * The network's own parameters are never changed: each evaluation runs the forward pass on fresh
 * leaf arrays holding {@code w} (for an imported module, which has no functional call, on its own
 * tensors holding {@code w} for the duration of the evaluation, see {@link Network#withValues}).
 */
public final class TrainingLoss implements DifferentiableObjective {
    private final Network net;
    private final DeviceData data;
    private final Loss loss;
    private final ParameterBlock block;
    private final int chunk;

    /** L over {@code data} for {@code net}, {@code chunk} examples per pass. */
    public TrainingLoss(Network net, DeviceData data, Loss loss, int chunk) {
        this.net = net;
        this.data = data;
        this.loss = loss;
        this.block = ParameterBlock.all(net);
        this.chunk = chunk;
    }

    /** The network's current parameters as a flat vector. */
    public double[] centre() {
        return block.values();
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        try (NDManager memory = TensorEngine.newManager()) {
            List<NDArray> leaves = block.split(w, memory, net.precision());
            Map<String, NDArray> values = new LinkedHashMap<>();
            for (int p = 0; p < leaves.size(); p++) {
                leaves.get(p).setRequiresGradient(true);
                values.put(block.names().get(p), leaves.get(p));
            }
            // an imported module has no functional call: withValues copies w into it and gives its live tensors
            return net.withValues(values, bound -> {
                double total = 0;
                for (int from = 0; from < data.size(); from += chunk) {
                    int to = Math.min(data.size(), from + chunk);
                    double share = (double) (to - from) / data.size();
                    Batch b = data.slice(from, to);
                    NDArray value = Autograd.backward(() ->
                            ConstantOps.times(loss.mean(net.forward(b.x(), ForwardPass.inference(), bound), b.y()), share));
                    total += Tensors.scalar(value);
                }
                double[] g = block.flatten(Autograd.gradients(List.copyOf(bound.values())));
                System.arraycopy(g, 0, gradient, 0, g.length);
                return total;
            });
        }
    }
}
