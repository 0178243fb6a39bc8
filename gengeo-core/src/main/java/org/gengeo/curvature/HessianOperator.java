package org.gengeo.curvature;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.ConstantOps;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.SecondOrder;

/**
 * Exact products H v with the Hessian of the mean data loss L(w) = (1/N) sum_i l(f(x_i; w), y_i)
 * over a fixed data set, with respect to a {@link ParameterBlock} (other parameters held fixed).
 * For each chunk c, g_c = grad L_c with its graph kept, then grad (g_c . v) = H_c v (Pearlmutter
 * 1994, by double backward through torch.autograd.grad, see {@link SecondOrder}), and
 * H v = sum_c H_c v with L_c the chunk's share of the mean. Dropout is off. No parameter's
 * {@code .grad} is read or written.
 */
public final class HessianOperator extends ChunkedOperator {
    /** An operator for {@code block} of {@code net} on {@code data}, {@code chunk} examples per pass. */
    public HessianOperator(Network net, DeviceData data, Loss loss, ParameterBlock block, int chunk) {
        super(net, data, loss, block, chunk);
    }

    @Override
    protected List<NDArray> chunkProduct(Batch b, List<NDArray> v, double share) {
        return Autograd.recording(() -> {
            NDArray value = ConstantOps.times(loss.mean(net.forward(b.x(), ForwardPass.inference()), b.y()), share);
            return SecondOrder.hessianVectorProduct(value, block.arrays(), v);
        });
    }
}
