package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * Weight decay in its two common forms. {@code l2}: the objective gains (lambda / 2) ||w||^2, so
 * lambda w is added to every gradient (torch.optim.SGD's weight_decay). {@code decoupled}: before
 * each update, once the gradient has been taken at the current w, w is multiplied by (1 - lr lambda),
 * independent of the gradient (Loshchilov and Hutter 2019; torch.optim.AdamW). Either way the loss that is logged and measured excludes the decay.
 */
public record WeightDecay(double lambda, Mode mode) {
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

    /** The decay a config asks for. */
    public static WeightDecay of(TrainConfig config) {
        return new WeightDecay(config.weightDecay(), Mode.parse(config.weightDecayMode()));
    }

    /** Adds lambda w to each gradient, in place (l2 mode only). */
    public void addToGradients(List<NDArray> params, List<NDArray> grads) {
        if (lambda > 0 && mode == Mode.L2) {
            for (int i = 0; i < params.size(); i++) {
                grads.get(i).addi(params.get(i).mul(lambda));
            }
        }
    }

    /** Shrinks each parameter by (1 - lr lambda), in place (decoupled mode only). */
    public void shrink(List<NDArray> params, double lr) {
        if (lambda > 0 && mode == Mode.DECOUPLED) {
            for (NDArray p : params) {
                p.muli(1.0 - lr * lambda);
            }
        }
    }
}
