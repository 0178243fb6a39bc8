package org.gengeo.measures;

import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;

/**
 * Maximises an objective over Keskar et al.'s sharpness box
 * C_eps = { w' : |w'_i - w_i| &lt;= eps (|w_i| + 1) } around a centre w (Keskar et al. 2017, "On
 * large-batch training for deep learning", section 2.2.1), by projected steepest ascent in the box's
 * own geometry: from a seeded uniform random point of the box, each step moves every coordinate by
 * {@code stepFraction} of its half-width in the direction of the gradient's sign,
 * w'_i &lt;- clip(w'_i + stepFraction * eps (|w_i| + 1) sign(g_i)), and then projects back onto the box
 * (clipping). It climbs to a local maximum (for a convex objective, a vertex of the box, reached in
 * about 2 / stepFraction steps once the gradient's signs settle); the largest value seen over all
 * iterates is returned.
 */
public final class BoxAscent {
    private BoxAscent() {}

    /** The best point found, its value, the value at the centre and how far the iterates strayed. */
    public record Result(double centreValue, double maxValue, double[] argMax, int steps, double largestBoxRatio) {}

    /**
     * Runs {@code steps} ascent steps around {@code centre}.
     *
     * @param eps          box size (relative to |w_i| + 1), &gt; 0
     * @param stepFraction step length as a fraction of each half-width, in (0, 1]
     * @param seed         seed of the random start
     */
    public static Result maximise(DifferentiableObjective f, double[] centre, double eps, int steps, double stepFraction,
                                  long seed) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new GengeoException("--eps must be a positive number, got " + eps);
        }
        if (steps < 0) {
            throw new GengeoException("--steps must be >= 0, got " + steps);
        }
        if (!(stepFraction > 0 && stepFraction <= 1)) {
            throw new GengeoException("--step-fraction must be in (0, 1], got " + stepFraction);
        }
        int n = centre.length;
        double[] half = new double[n];
        for (int i = 0; i < n; i++) {
            half[i] = eps * (Math.abs(centre[i]) + 1);
        }
        double[] g = new double[n];
        double centreValue = f.valueAndGradient(centre, g);
        SplittableRandom rng = Seeds.random(seed, "sharpness-start");
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = centre[i] + (2 * rng.nextDouble() - 1) * half[i];
        }
        double best = Double.NEGATIVE_INFINITY;
        double[] argMax = w.clone();
        double largestRatio = 0;
        for (int step = 0; step <= steps; step++) {
            double value = f.valueAndGradient(w, g);
            if (value > best) {
                best = value;
                System.arraycopy(w, 0, argMax, 0, n);
            }
            if (step == steps) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double moved = w[i] + stepFraction * half[i] * Math.signum(g[i]);
                w[i] = Math.max(centre[i] - half[i], Math.min(centre[i] + half[i], moved));
                largestRatio = Math.max(largestRatio, Math.abs(w[i] - centre[i]) / half[i]);
            }
        }
        return new Result(centreValue, Math.max(best, centreValue), argMax, steps, largestRatio);
    }
}
