package org.gengeo.margins;

/**
 * Margins of every example of one data set. {@code raw[n]} is f_y(x_n) - max_{j != y} f_j(x_n)
 * (for a one-output model, the signed logit margin (2 y - 1) f(x_n)); {@code normalised[n]} is
 * raw[n] / rho with log rho = {@code logNormProduct} (see {@link WeightNorms}); {@code biasIncluded}
 * records whether rho used the augmented [W | b] norms.
 */
public record ExampleMargins(double[] raw, double[] normalised, double logNormProduct, boolean biasIncluded) {
    /** Number of examples. */
    public int size() {
        return raw.length;
    }
}
