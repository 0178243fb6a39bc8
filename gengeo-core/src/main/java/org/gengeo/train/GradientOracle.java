package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gengeo.core.Seeds;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.Batch;

/**
 * Computes gradients of the training objective for one step: the mean data loss of a batch plus
 * the L2 weight-decay term when that mode is on. The dropout masks of step s come from
 * {@code Seeds.derive(seed, "dropout", s)}, so a resumed run sees the same masks.
 */
public final class GradientOracle {
    private final Network network;
    private final Loss loss;
    private final WeightDecay weightDecay;
    private final long seed;
    private long step;

    /** An oracle for {@code network} and {@code loss}; {@code seed} fixes the dropout masks. */
    public GradientOracle(Network network, Loss loss, WeightDecay weightDecay, long seed) {
        this.network = network;
        this.loss = loss;
        this.weightDecay = weightDecay;
        this.seed = seed;
    }

    /** Sets the step whose dropout masks the next gradients use. */
    public void atStep(long step) {
        this.step = step;
    }

    /**
     * The mean gradient of a batch and its loss. The arrays are views of the engine's gradient
     * buffers: valid until the next call, which reuses them (duplicate them to keep them longer).
     */
    public Gradient meanGradient(Batch batch) {
        List<NDArray> params = network.parameterList();
        Autograd.clear(params);
        ForwardPass pass = ForwardPass.training(Seeds.derive(seed, "dropout", step));
        NDArray value = Autograd.backward(() -> loss.mean(network.forward(batch.x(), pass), batch.y()));
        List<NDArray> grads = Autograd.gradients(params);
        weightDecay.addToGradients(params, grads);
        return new Gradient(Tensors.scalar(value), grads);
    }

    /** A gradient: one array per parameter, in parameter order, and the batch loss. */
    public record Gradient(double loss, List<NDArray> arrays) {}
}
