package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.pergrad.PerExampleGradients;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Tensors;

/**
 * Computes gradients of the training objective for one step: the mean data loss of a batch plus
 * the L2 weight-decay term when that mode is on, plus the {@link NormPenalty} while it is on. The dropout masks of step s come from
 * {@code Seeds.derive(seed, "dropout", s)}, so a resumed run sees the same masks. It also hands out
 * the step's training minibatches, augmented when the run asks for it.
 */
public final class GradientOracle {
    private final Network network;
    private final Loss loss;
    private final WeightDecay weightDecay;
    private final NormPenalty normPenalty;
    private final long seed;
    private final DeviceData train;
    private final TrainingAugmentation augmentation;
    private long step;
    private int epoch;

    /**
     * An oracle for {@code network} and {@code loss}; {@code seed} fixes the dropout masks and the
     * extra batches; {@code train} is the data extra batches are drawn from (null if none are needed).
     */
    public GradientOracle(Network network, Loss loss, WeightDecay weightDecay, long seed, DeviceData train) {
        this(network, loss, weightDecay, NormPenalty.NONE, seed, train);
    }

    /** As {@link #GradientOracle(Network, Loss, WeightDecay, long, DeviceData)}, with a norm penalty. */
    public GradientOracle(Network network, Loss loss, WeightDecay weightDecay, NormPenalty normPenalty, long seed, DeviceData train) {
        this(network, loss, weightDecay, normPenalty, seed, train, TrainingAugmentation.NONE);
    }

    /**
     * As {@link #GradientOracle(Network, Loss, WeightDecay, NormPenalty, long, DeviceData)}, with the
     * augmentation of the training minibatches it hands out ({@link #loopBatch}, {@link #randomBatch}).
     */
    public GradientOracle(Network network, Loss loss, WeightDecay weightDecay, NormPenalty normPenalty, long seed, DeviceData train,
                          TrainingAugmentation augmentation) {
        this.augmentation = augmentation;
        this.network = network;
        this.loss = loss;
        this.weightDecay = weightDecay;
        this.normPenalty = normPenalty;
        this.seed = seed;
        this.train = train;
    }

    /**
     * Every example's gradient for {@code batch} (dropout off), per parameter in factored or
     * explicit form, with the batch's mean loss. No weight decay is added here. Refused for batch-norm
     * models, whose training-mode examples are coupled through the batch statistics.
     */
    public PerExampleGradients.Factored perExample(Batch batch) {
        if (network.architecture().batchNorm()) {
            throw new GengeoException("per-example gradients (the winsorized optimiser) are not defined for batch-norm models in training,"
                    + " where batch statistics couple the examples; " + network.architecture().spec() + " has batch norm");
        }
        return PerExampleGradients.factored(network, batch, loss);
    }

    /**
     * The training loop's minibatch of the current step: the training examples at {@code indices},
     * in that order, augmented as minibatch 0 of the step ({@link TrainingAugmentation}).
     */
    public Batch loopBatch(long[] indices) {
        return augmentation.apply(train.gather(indices), step, 0);
    }

    /**
     * An extra minibatch of {@code size} examples drawn uniformly without replacement from the
     * training set, the {@code k}-th of the current step (stream {@code Seeds.random(seed, "extra-batch", step, k)}),
     * augmented as minibatch k of the step ({@link TrainingAugmentation}).
     */
    public Batch randomBatch(int size, int k) {
        if (train == null) {
            throw new IllegalStateException("this oracle has no training data to draw extra batches from");
        }
        int[] order = DataTransforms.permutation(train.size(), Seeds.random(seed, "extra-batch", step, k));
        long[] idx = new long[Math.min(size, order.length)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = order[i];
        }
        return augmentation.apply(train.gather(idx), step, k);
    }

    /**
     * Adds the regularisers' gradient to {@code direction}: the L2 weight-decay term lambda w (no-op
     * unless that mode is on) and the norm penalty's beta w / ||w|| (while it is on).
     */
    public void addWeightDecay(List<NDArray> params, List<NDArray> direction) {
        weightDecay.addToGradients(params, direction);
        normPenalty.addToGradients(params, direction, epoch);
    }

    /** Sets the epoch (0-based) that decides whether the norm penalty is on. */
    public void atEpoch(int epoch) {
        this.epoch = epoch;
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
        addWeightDecay(params, grads);
        return new Gradient(Tensors.scalar(value), grads);
    }

    /** A gradient: one array per parameter, in parameter order, and the batch loss. */
    public record Gradient(double loss, List<NDArray> arrays) {}
}
