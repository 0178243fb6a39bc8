package org.gengeo.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Batch;

/**
 * Exact products H v with the Hessian of the mean data loss L(w) = (1/N) sum_i l(f(x_i; w), y_i)
 * over a fixed data set, with respect to a {@link ParameterBlock} (other parameters held fixed).
 * The data is processed in chunks, so memory is bounded by one chunk's graph whatever N is:
 * for each chunk c, g_c = grad L_c (graph kept), then grad (g_c . v) = H_c v, and
 * H v = sum_c H_c v with L_c the chunk's share of the mean. Dropout is off.
 */
public final class HessianOperator implements SymmetricOperator, AutoCloseable {
    private final Network net;
    private final DeviceData data;
    private final Loss loss;
    private final ParameterBlock block;
    private final int chunk;
    private final List<NDArray> frozen = new ArrayList<>();
    private long applications;

    /**
     * An operator for {@code block} of {@code net} on {@code data}, {@code chunk} examples per
     * pass. Parameters outside the block stop tracking gradients until {@link #close}; the block
     * is differentiated through fresh copies, so the network's own gradients are never touched.
     */
    public HessianOperator(Network net, DeviceData data, Loss loss, ParameterBlock block, int chunk) {
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

    @Override
    public int dim() {
        return block.dim();
    }

    /** Number of products computed so far. */
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
                double share = (double) (to - from) / n;
                try (NDScope scope = new NDScope()) {
                    Batch b = data.slice(from, to);
                    List<NDArray> hv = chunkProduct(b, vs, share);
                    if (sum == null) {
                        sum = new ArrayList<>();
                        for (NDArray h : hv) {
                            NDArray copy = h.duplicate();
                            NDScope.unregister(copy);
                            sum.add(copy);
                        }
                    } else {
                        for (int i = 0; i < hv.size(); i++) {
                            sum.get(i).addi(hv.get(i));
                        }
                    }
                }
            }
            double[] out = block.flatten(sum);
            for (NDArray s : sum) {
                s.close();
            }
            return out;
        }
    }

    private List<NDArray> chunkProduct(Batch b, List<NDArray> vs, double share) {
        // fresh leaves for the block: a parameter's own .grad would carry the previous graph's history
        Map<String, NDArray> values = new LinkedHashMap<>(net.parameters());
        List<NDArray> leaves = new ArrayList<>(block.names().size());
        for (int i = 0; i < block.names().size(); i++) {
            NDArray leaf = block.arrays().get(i).duplicate();
            Autograd.track(leaf, true);
            leaves.add(leaf);
            values.put(block.names().get(i), leaf);
        }
        List<NDArray> g = new ArrayList<>(leaves.size());
        Autograd.recording(() -> {
            NDArray value = loss.mean(net.forward(b.x(), ForwardPass.inference(), values), b.y()).mul(share);
            Autograd.backward(value, true);
            NDArray dot = null;
            for (int i = 0; i < leaves.size(); i++) {
                NDArray grad = leaves.get(i).getGradient();
                NDArray term = grad.mul(vs.get(i)).sum();
                dot = dot == null ? term : dot.add(term);
                // the second pass may accumulate into this very buffer, so keep its value
                g.add(grad.duplicate());
            }
            Autograd.backward(dot, false);
            return null;
        });
        List<NDArray> after = Autograd.gradients(leaves);
        List<NDArray> hv = new ArrayList<>(g.size());
        for (int i = 0; i < g.size(); i++) {
            hv.add(after.get(i).sub(g.get(i)));
        }
        return hv;
    }

    /** Restores gradient tracking of the parameters outside the block. */
    @Override
    public void close() {
        for (NDArray p : frozen) {
            Autograd.track(p, true);
        }
    }
}
