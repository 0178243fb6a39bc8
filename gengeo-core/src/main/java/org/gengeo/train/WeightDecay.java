package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Locale;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Network;

/**
 * Weight decay in its two common forms. {@code l2}: the objective gains (lambda / 2) ||w||^2, so
 * lambda w is added to every gradient (torch.optim.SGD's weight_decay). {@code decoupled}: before
 * each update, once the gradient has been taken at the current w, w is multiplied by (1 - lr lambda),
 * independent of the gradient (Loshchilov and Hutter 2019; torch.optim.AdamW). Either way the loss that is logged and measured excludes the decay.
 * Parameters that {@link DecayExclusion} skips are not decayed (w stays out of ||w||^2).
 *
 * @param lambda  the decay coefficient
 * @param mode    how it enters the update
 * @param decayed per parameter, in parameter order, whether it is decayed; null for all
 */
public record WeightDecay(double lambda, Mode mode, boolean[] decayed) {
    /** How the decay enters the update. */
    public enum Mode {
        L2, DECOUPLED;

        /** Parses "l2" or "decoupled". */
        public static Mode parse(String text) {
            switch (text == null ? "l2" : text.toLowerCase(Locale.ROOT)) {
                case "l2": return L2;
                case "decoupled": return DECOUPLED;
                default: throw new GengeoException("--weight-decay-mode must be l2 or decoupled, got '" + text + "'");
            }
        }
    }

    /** Decay of every parameter. */
    public WeightDecay(double lambda, Mode mode) {
        this(lambda, mode, null);
    }

    /** The decay a config asks for, on {@code network}'s parameters. */
    public static WeightDecay of(TrainConfig config, Network network) {
        DecayExclusion exclusion = DecayExclusion.parse(config.weightDecayExclude());
        return new WeightDecay(config.weightDecay(), Mode.parse(config.weightDecayMode()),
                exclusion == DecayExclusion.NONE ? null : exclusion.decayed(network));
    }

    private boolean decays(int i) {
        return decayed == null || decayed[i];
    }

    /** Adds lambda w to each decayed parameter's gradient, in place (l2 mode only). */
    public void addToGradients(List<NDArray> params, List<NDArray> grads) {
        if (lambda > 0 && mode == Mode.L2) {
            for (int i = 0; i < params.size(); i++) {
                if (decays(i)) {
                    grads.get(i).addi(params.get(i).mul(lambda));
                }
            }
        }
    }

    /** Shrinks each decayed parameter by (1 - lr lambda), in place (decoupled mode only). */
    public void shrink(List<NDArray> params, double lr) {
        if (lambda > 0 && mode == Mode.DECOUPLED) {
            for (int i = 0; i < params.size(); i++) {
                if (decays(i)) {
                    params.get(i).muli(1.0 - lr * lambda);
                }
            }
        }
    }
}
