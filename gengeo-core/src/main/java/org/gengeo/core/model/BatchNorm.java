package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import org.gengeo.core.GengeoException;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) in PyTorch's conventions (torch.nn.BatchNorm1d /
 * BatchNorm2d with affine=True and track_running_stats=True). Per channel c, over the m values
 * z_{i,c} of a batch (m = n for a dense layer's output [n, C], m = n h w for a convolution's [n, C, h, w]):
 * <pre>
 *   training:   y = gamma (z - mu_B) / sqrt(var_B + eps) + beta,  mu_B = mean z, var_B = mean (z - mu_B)^2 (biased)
 *               running_mean &lt;- (1 - momentum) running_mean + momentum mu_B
 *               running_var  &lt;- (1 - momentum) running_var  + momentum var_B m / (m - 1)   (unbiased)
 *   evaluation: y = gamma (z - running_mean) / sqrt(running_var + eps) + beta
 * </pre>
 * with momentum = {@value #MOMENTUM}, eps = {@value #EPS}, gamma initialised to 1, beta to 0, the
 * running mean to 0 and the running variance to 1, all as the PyTorch documentation of BatchNorm1d
 * states. gamma and beta ({@code {layer}_bn.weight}, {@code {layer}_bn.bias}) are trained parameters;
 * the running statistics ({@code {layer}_bn.running_mean}, {@code {layer}_bn.running_var}) are buffers:
 * saved with the model, never trained. PyTorch's {@code num_batches_tracked} counter only matters
 * when momentum is None, so it is accepted in a file and ignored.
 */
public final class BatchNorm {
    /** Weight of the newest batch in the running statistics (PyTorch's default). */
    public static final double MOMENTUM = 0.1;
    /** Added to the variance inside the square root (PyTorch's default). */
    public static final double EPS = 1e-5;
    /** Suffix of the running-mean buffer. */
    public static final String RUNNING_MEAN = ".running_mean";
    /** Suffix of the running-variance buffer. */
    public static final String RUNNING_VAR = ".running_var";
    /** Suffix of PyTorch's batch counter, accepted in files and ignored. */
    public static final String BATCHES_TRACKED = ".num_batches_tracked";

    private BatchNorm() {}

    /**
     * Normalises {@code z} ([n, C] or [n, C, h, w]) in training mode with the batch statistics and
     * updates the running statistics in place (with gradients stopped), or in evaluation mode with the
     * running statistics. Differentiable (twice) in z, gamma and beta.
     */
    public static NDArray apply(NDArray z, NDArray gamma, NDArray beta, NDArray runningMean, NDArray runningVar,
                                boolean training, String name) {
        long channels = z.getShape().get(1);
        boolean spatial = z.getShape().dimension() == 4;
        long[] broadcast = z.getShape().dimension() == 4 ? new long[] {1, channels, 1, 1} : new long[] {1, channels};
        NDArray normalised;
        if (training) {
            long m = z.size() / channels;
            if (m < 2) {
                throw new GengeoException(name + ": batch norm in training mode needs more than one value per channel, got a batch of "
                        + z.getShape().get(0) + " (pick a batch size that does not leave a last batch of one example)");
            }
            NDArray mean = channelMean(z, spatial);
            NDArray centred = z.sub(mean);
            NDArray var = channelMean(centred.square(), spatial);
            normalised = centred.div(var.add(EPS).sqrt());
            runningMean.muli(1 - MOMENTUM).addi(mean.stopGradient().reshape(channels).mul(MOMENTUM));
            runningVar.muli(1 - MOMENTUM).addi(var.stopGradient().reshape(channels).mul(MOMENTUM * m / (m - 1.0)));
        } else {
            normalised = z.sub(runningMean.reshape(broadcast)).div(runningVar.add(EPS).sqrt().reshape(broadcast));
        }
        return normalised.mul(gamma.reshape(broadcast)).add(beta.reshape(broadcast));
    }

    /** Mean over every axis but the channel axis 1, kept as size-1 axes (a mean of equal-sized means: the engine reduces one axis at a time). */
    private static NDArray channelMean(NDArray a, boolean spatial) {
        NDArray m = a.mean(new int[] {0}, true);
        return spatial ? m.mean(new int[] {2}, true).mean(new int[] {3}, true) : m;
    }
}
