package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Tensors;

/**
 * Re-estimates the running statistics of every batch norm as the population statistics of its input
 * over a data set ("precise batch norm", Wu and Johnson 2021, "Rethinking 'Batch' in BatchNorm"):
 * layer by layer in forward order, with the layers before in evaluation mode on their already
 * re-estimated statistics, running_mean = the mean and running_var = the unbiased variance (as
 * PyTorch stores it) of the layer's input over all examples (and positions, after a convolution),
 * accumulated in float64. One inference pass over the data per batch-norm layer. Useful where the
 * momentum estimate drifts, e.g. after training on a small subset (margin spec, section 6).
 */
public final class BatchNormStatistics {
    /** Examples per forward pass by default. */
    public static final int CHUNK = 2000;

    private BatchNormStatistics() {}

    /** Reads the per-channel sums and sums of squares of one layer's output (the batch norm's input). */
    private static final class Moments extends ForwardPass {
        private final String layer;
        private final double[] sum;
        private final double[] squares;
        private long count;

        Moments(String layer, int channels) {
            super(false, 0);
            this.layer = layer;
            this.sum = new double[channels];
            this.squares = new double[channels];
        }

        @Override
        public NDArray normInput(LayerSpec.BatchNorm norm, NDArray z) {
            if (norm.name().equals(layer)) {
                int channels = sum.length;
                long perChannel = z.size() / channels / z.getShape().get(0);
                double[] v = Tensors.doubles(z);
                for (int i = 0; i < v.length; i++) {
                    int c = (int) (i / perChannel % channels);
                    sum[c] += v[i];
                    squares[c] += v[i] * v[i];
                }
                count += z.size() / channels;
            }
            return z;
        }
    }

    /** Sets every batch norm's running statistics of {@code net} to those of {@code data}, in place. */
    public static void reestimate(Network net, DeviceData data) {
        reestimate(net, data, CHUNK);
    }

    /** The same, with {@code chunk} examples per forward pass. */
    public static void reestimate(Network net, DeviceData data, int chunk) {
        for (LayerSpec.BatchNorm bn : net.architecture().batchNorms()) {
            Moments m = new Moments(bn.name(), bn.channels());
            for (int from = 0; from < data.size(); from += chunk) {
                try (NDScope scope = new NDScope()) {
                    Batch b = data.slice(from, Math.min(data.size(), from + chunk));
                    net.forward(b.x(), m);
                }
            }
            double[] mean = new double[bn.channels()];
            double[] var = new double[bn.channels()];
            for (int c = 0; c < mean.length; c++) {
                mean[c] = m.sum[c] / m.count;
                var[c] = Math.max(0, m.squares[c] - m.count * mean[c] * mean[c]) / (m.count - 1);
            }
            set(net.buffers().get(bn.name() + BatchNorm.RUNNING_MEAN), mean);
            set(net.buffers().get(bn.name() + BatchNorm.RUNNING_VAR), var);
        }
    }

    private static void set(NDArray buffer, double[] values) {
        try (NDScope scope = new NDScope()) {
            buffer.set(new NDIndex(":"), buffer.getManager().create(values).toType(buffer.getDataType(), false));
        }
    }
}
