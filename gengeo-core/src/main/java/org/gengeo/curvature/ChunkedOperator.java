package org.gengeo.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;

/**
 * A curvature matrix of the mean loss over a data set, A = sum_c (n_c / N) A_c, applied chunk by
 * chunk so memory is bounded by one chunk's graph whatever N is. Subclasses give the product of
 * one chunk; this class splits the vector by parameter, loops over the chunks, and sums. Parameters
 * outside the block stop tracking gradients (no wasted backward work) until {@link #close}.
 */
abstract class ChunkedOperator implements CurvatureOperator {
    protected final Network net;
    protected final Loss loss;
    protected final ParameterBlock block;
    private final DeviceData data;
    private final int chunk;
    private final List<NDArray> frozen = new ArrayList<>();
    private long applications;

    ChunkedOperator(Network net, DeviceData data, Loss loss, ParameterBlock block, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1");
        }
        this.net = net;
        this.data = data;
        this.loss = loss;
        this.block = block;
        this.chunk = chunk;
        for (NDArray p : net.parameterList()) {
            if (!block.arrays().contains(p)) {
                Autograd.track(p, false);
                frozen.add(p);
            }
        }
    }

    /** The chunk's product (n_c / N) A_c v, one array per block parameter, in the current scope. */
    protected abstract List<NDArray> chunkProduct(Batch b, List<NDArray> v, double share);

    @Override
    public int dim() {
        return block.dim();
    }

    @Override
    public long applications() {
        return applications;
    }

    @Override
    public double[] apply(double[] v) {
        applications++;
        int n = data.size();
        try (NDManager memory = TensorEngine.newManager(); NDScope outer = new NDScope()) {
            List<NDArray> vs = block.split(v, memory, net.precision());
            List<NDArray> sum = null;
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                try (NDScope scope = new NDScope()) {
                    List<NDArray> part = chunkProduct(data.slice(from, to), vs, (double) (to - from) / n);
                    if (sum == null) {
                        sum = new ArrayList<>();
                        for (NDArray x : part) {
                            NDArray copy = x.duplicate();
                            NDScope.unregister(copy);
                            sum.add(copy);
                        }
                    } else {
                        for (int i = 0; i < part.size(); i++) {
                            sum.get(i).addi(part.get(i));
                        }
                    }
                }
            }
            double[] out = block.flatten(sum);
            sum.forEach(NDArray::close);
            return out;
        }
    }

    /** Restores gradient tracking of the parameters outside the block. */
    @Override
    public void close() {
        for (NDArray p : frozen) {
            Autograd.track(p, true);
        }
    }
}
