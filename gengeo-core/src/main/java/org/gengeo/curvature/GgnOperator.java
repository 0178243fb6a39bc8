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
 * Products G v with the generalised Gauss-Newton matrix G = (1/N) sum_i J_i^T H_i J_i (Schraudolph
 * 2002; Martens 2010), where J_i is the Jacobian of example i's logits with respect to the block and
 * H_i the Hessian of its loss with respect to the logits: diag(p) - p p^T for softmax
 * cross-entropy, sigma(f)(1 - sigma(f)) for the logistic loss. G is the Hessian without the term
 * that involves the network's second derivatives, and is positive semi-definite.
 *
 * <p>J v is obtained without forward-mode autodiff by the double-backward trick: with a dummy u,
 * g(u) = J^T u is linear in u, so d/du (g(u) . v) = J v. Then J^T (H J v) is one more backward pass
 * (both through torch.autograd.grad, see {@link SecondOrder}).
 */
public final class GgnOperator extends ChunkedOperator {
    /** A GGN operator for {@code block} of {@code net} on {@code data}, {@code chunk} examples per pass. */
    public GgnOperator(Network net, DeviceData data, Loss loss, ParameterBlock block, int chunk) {
        super(net, data, loss, block, chunk);
    }

    @Override
    protected List<NDArray> chunkProduct(Batch b, List<NDArray> v, double share) {
        return Autograd.recording(() -> {
            NDArray f = net.forward(b.x(), ForwardPass.inference());
            NDArray jv = SecondOrder.jacobianVectorProduct(f, block.arrays(), v);
            NDArray hjv = ConstantOps.times(lossHessianTimes(f.stopGradient(), jv), share / b.size());
            return SecondOrder.vectorJacobianProduct(f, block.arrays(), hjv);
        });
    }

    /** H_i r_i for every example: (diag(p) - p p^T) r for softmax, sigma (1 - sigma) r for one logit. */
    private NDArray lossHessianTimes(NDArray f, NDArray r) {
        if (loss == Loss.CROSS_ENTROPY) {
            NDArray p = f.softmax(1);
            NDArray pr = p.mul(r);
            return pr.sub(p.mul(pr.sum(new int[] {1}, true)));
        }
        NDArray s = f.getNDArrayInternal().sigmoid();
        return s.mul(s.neg().add(1)).mul(r);
    }
}
