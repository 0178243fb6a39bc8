package org.gengeo.train;

import org.gengeo.core.GengeoException;

/**
 * The settings of Entropy-SGD (Chaudhari et al. 2017, Algorithm 1) besides the outer learning rate,
 * which is {@code --lr}.
 *
 * @param innerSteps L, Langevin steps (and minibatches) per outer update
 * @param gamma      the scope gamma of the local entropy (coupling of w' to w)
 * @param scoping    gamma_1 of the scoping schedule gamma_t = gamma (1 + gamma_1)^t over outer steps t (0: constant)
 * @param innerLr    eta', the step size of the Langevin steps
 * @param noise      epsilon, the thermal noise: each Langevin step adds sqrt(eta') epsilon N(0, I)
 * @param alpha      weight of the newest iterate in the running mean mu &larr; (1 - alpha) mu + alpha w'
 */
public record EntropySgdOptions(int innerSteps, double gamma, double scoping, double innerLr, double noise, double alpha) {
    /** The paper's defaults: L = 20, gamma = 0.03 (no scoping), eta' = 0.1, epsilon = 1e-4, alpha = 0.75. */
    public static EntropySgdOptions defaults() {
        return new EntropySgdOptions(20, 0.03, 0, 0.1, 1e-4, 0.75);
    }

    /** The settings in a training config ({@code esgd-*} keys; an unset one takes its default). */
    public static EntropySgdOptions of(TrainConfig c) {
        EntropySgdOptions d = defaults();
        return new EntropySgdOptions(c.esgdL() != null ? c.esgdL() : d.innerSteps(), or(c.esgdGamma(), d.gamma()),
                or(c.esgdScoping(), d.scoping()), or(c.esgdInnerLr(), d.innerLr()), or(c.esgdNoise(), d.noise()), or(c.esgdAlpha(), d.alpha()));
    }

    private static double or(Double value, double otherwise) {
        return value != null ? value : otherwise;
    }

    /** Rejects impossible values with a one-line message naming the flag. */
    public EntropySgdOptions validate() {
        require(innerSteps >= 1, "--esgd-l must be at least 1, got " + innerSteps);
        require(gamma > 0 && Double.isFinite(gamma), "--esgd-gamma must be positive, got " + gamma);
        require(scoping >= 0 && Double.isFinite(scoping), "--esgd-scoping must be >= 0, got " + scoping);
        require(innerLr > 0 && Double.isFinite(innerLr), "--esgd-inner-lr must be positive, got " + innerLr);
        require(noise >= 0 && Double.isFinite(noise), "--esgd-noise must be >= 0, got " + noise);
        require(alpha > 0 && alpha <= 1, "--esgd-alpha must be in (0, 1], got " + alpha);
        return this;
    }

    /** gamma_t = gamma (1 + gamma_1)^t for outer step t. */
    public double gammaAt(long t) {
        return scoping == 0 ? gamma : gamma * Math.pow(1 + scoping, t);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new GengeoException(message);
        }
    }
}
