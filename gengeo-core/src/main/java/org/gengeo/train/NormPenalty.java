package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.tensor.Tensors;

/**
 * The unsquared norm penalty of Feng and Tu (2022, the "L2" factor of their activity-weight
 * duality study): during the first {@code epochs} epochs the objective gains beta ||w||, where
 * ||w|| = sqrt(sum of the squares of every parameter of the network) (all layers; biases too when
 * the model has them). Its gradient, d(beta ||w||)/dw = beta w / ||w||, is added to every
 * gradient (0 at w = 0, a subgradient there). Unlike weight decay (lambda / 2) ||w||^2, the pull
 * has the constant length beta whatever the size of w. From epoch {@code epochs} on it is off, as
 * in the authors' code. The logged and measured loss excludes it.
 *
 * @param beta   the penalty weight (0: off)
 * @param epochs the number of epochs, counted from 0, during which it is on
 */
public record NormPenalty(double beta, int epochs) {
    /** No penalty. */
    public static final NormPenalty NONE = new NormPenalty(0, 0);
    /** Epochs the penalty stays on when {@code norm-penalty-epochs} is not given (the authors' 200). */
    public static final int DEFAULT_EPOCHS = 200;

    /** The penalty a config asks for; rejects a negative beta or a non-positive epoch count. */
    public static NormPenalty of(TrainConfig c) {
        if (c.normPenalty() == null) {
            if (c.normPenaltyEpochs() != null) {
                throw new GengeoException("--norm-penalty-epochs needs --norm-penalty BETA");
            }
            return NONE;
        }
        double beta = c.normPenalty();
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new GengeoException("--norm-penalty must be >= 0, got " + beta);
        }
        int epochs = c.normPenaltyEpochs() == null ? DEFAULT_EPOCHS : c.normPenaltyEpochs();
        if (epochs < 1) {
            throw new GengeoException("--norm-penalty-epochs must be at least 1, got " + epochs);
        }
        return new NormPenalty(beta, epochs);
    }

    /** Whether the penalty is on during {@code epoch} (0-based). */
    public boolean activeAt(int epoch) {
        return beta > 0 && epoch < epochs;
    }

    /** ||w||: the Euclidean norm of all of {@code params} taken as one vector. */
    public static double norm(List<NDArray> params) {
        double sum = 0;
        for (NDArray p : params) {
            sum += Tensors.scalar(p.square().sum());
        }
        return Math.sqrt(sum);
    }

    /** Adds beta w / ||w|| to each gradient, in place, if the penalty is on during {@code epoch}. */
    public void addToGradients(List<NDArray> params, List<NDArray> grads, int epoch) {
        if (!activeAt(epoch)) {
            return;
        }
        double norm = norm(params);
        if (norm == 0) {
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            grads.get(i).addi(params.get(i).mul(beta / norm));
        }
    }
}
