package org.gengeo.measures;

import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * What {@code gengeo landscape} computes.
 *
 * @param directions random (filter-normalised Gaussian directions, Li et al. 2018) or eigen (top
 *                   Hessian eigenvectors, scaled to the norm of the parameters)
 * @param twoD       a 2-D grid over two directions instead of a 1-D line
 * @param points     grid points per axis
 * @param span       the grid covers alpha in [-span, span]
 * @param samples    training examples evaluated (a seeded sample); null for all
 * @param seed       seed of the random directions and the sample
 */
public record LandscapeOptions(String directions, boolean twoD, int points, double span, Integer samples, long seed) {
    /** 1-D random slice, 21 points over [-1, 1], the whole training set. */
    public static LandscapeOptions defaults() {
        return new LandscapeOptions("random", false, 21, 1.0, null, 0);
    }

    /** Rejects impossible values with a one-line message naming the flag. */
    public LandscapeOptions validate() {
        String d = directions.toLowerCase(Locale.ROOT);
        if (!d.equals("random") && !d.equals("eigen")) {
            throw new GengeoException("--dirs must be random or eigen, got '" + directions + "'");
        }
        if (points < 2 || points > 401) {
            throw new GengeoException("--points must be between 2 and 401, got " + points);
        }
        if (!(span > 0) || Double.isInfinite(span)) {
            throw new GengeoException("--span must be a positive number, got " + span);
        }
        if (samples != null && samples < 1) {
            throw new GengeoException("--samples must be at least 1, got " + samples);
        }
        return this;
    }
}
