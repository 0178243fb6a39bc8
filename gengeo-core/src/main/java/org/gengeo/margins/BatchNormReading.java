package org.gengeo.margins;

import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * How the norm product rho of the normalised margin treats batch norm (margin spec, section 1; both
 * readings are inferred, [I]); a model without batch norm gives the same rho under either.
 * <ul>
 *   <li>{@link #FOLD} (option A, the default): fold each evaluation-mode batch norm into the layer
 *       before it, W' = diag(gamma / sqrt(var + eps)) W ({@link org.gengeo.core.model.BatchNormFolding}),
 *       and take rho = prod_k ||W'_k||_F over every dense and convolutional layer.</li>
 *   <li>{@link #SCALE_INVARIANT} (option B): a layer followed by batch norm is invariant to the scale of
 *       its weights, so it contributes the norm of the batch norm's gamma instead,
 *       rho = prod_{k with BN} ||gamma_k|| prod_{k without BN} ||W_k||_F (for an MLP, ||W_last||_F).
 *       The invariance is that of the training-mode function, or of the evaluation-mode one when the
 *       running statistics follow a rescaling of W_k by c (mean by c, variance by c^2, up to eps).</li>
 * </ul>
 */
public enum BatchNormReading {
    /** Fold into the preceding layer. */
    FOLD,
    /** Batch-normalised layers contribute ||gamma||. */
    SCALE_INVARIANT;

    /** Lower-case name with dashes, as on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses "fold" or "scale-invariant". */
    public static BatchNormReading parse(String text) {
        for (BatchNormReading r : values()) {
            if (r.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new GengeoException("unknown batch-norm reading '" + text + "' (expected fold or scale-invariant)");
    }
}
