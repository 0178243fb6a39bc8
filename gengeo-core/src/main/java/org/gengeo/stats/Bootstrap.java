package org.gengeo.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;

/**
 * Bootstrap confidence intervals of a statistic of n independent units (seeds, or networks of a
 * zoo): the units are resampled with replacement {@code resamples} times, the statistic is computed
 * on each resample, and the interval is read off the quantiles of those values (Efron and Tibshirani
 * 1993, ch. 13, the percentile interval).
 *
 * <p>With few units the plain percentile interval is too narrow (for the mean of 5 normal values
 * its 95% interval covers about 83% of the time), so the quantile levels are widened as in
 * Hesterberg's expanded percentile interval (Hesterberg 2015, "What teachers should know about the
 * bootstrap", The American Statistician 69(4), section 5): the two-sided level alpha is replaced by
 * alpha' = 2 Phi(-sqrt(n / (n - 1)) t_{n-1, 1 - alpha/2}), which makes the interval of a mean as wide
 * as Student's t interval for normal data, and tends to alpha as n grows. Phi and the t quantile
 * come from commons-math3. For 5 normal values the expanded 95% interval of the mean covers 0.92 of
 * the time (the plain one 0.85; BootstrapTest and a numpy simulation of 2,000 data sets): still a little
 * short, which is why a finding also states its number of seeds.
 *
 * <p>A resample on which the statistic is not finite (a constant resample has no rank correlation)
 * is drawn again; the draws are seeded, so the same seed gives the same interval.
 */
public final class Bootstrap {
    /** Resamples unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 4000;
    /** Redraws allowed per resample before the statistic is called undefined on these data. */
    private static final int MAX_REDRAWS = 100;

    private Bootstrap() {}

    /**
     * A statistic's value on all units and its bootstrap interval.
     *
     * @param estimate  the statistic on the units as observed
     * @param low       lower end of the interval
     * @param high      upper end of the interval
     * @param level     confidence level (0.95)
     * @param units     number of units resampled
     * @param resamples bootstrap resamples drawn
     */
    public record Interval(double estimate, double low, double high, double level, int units, int resamples) {}

    /**
     * The statistic {@code statistic}, a function of the indices of the units it is given (with
     * repeats), on {@code units} units, with its expanded-percentile interval at {@code level}.
     * Needs at least 2 units.
     */
    public static Interval of(int units, ToDoubleFunction<int[]> statistic, double level, int resamples, long seed) {
        if (units < 2) {
            throw new GengeoException("a bootstrap interval needs at least 2 independent units, got " + units);
        }
        if (!(level > 0 && level < 1) || resamples < 100) {
            throw new GengeoException("bootstrap: level must be in (0, 1) and resamples at least 100");
        }
        int[] all = new int[units];
        Arrays.setAll(all, i -> i);
        double estimate = statistic.applyAsDouble(all);
        SplittableRandom random = Seeds.random(seed, "bootstrap");
        double[] values = new double[resamples];
        int[] pick = new int[units];
        for (int b = 0; b < resamples; b++) {
            double v = Double.NaN;
            for (int tries = 0; tries < MAX_REDRAWS && !Double.isFinite(v); tries++) {
                for (int i = 0; i < units; i++) {
                    pick[i] = random.nextInt(units);
                }
                v = statistic.applyAsDouble(pick);
            }
            if (!Double.isFinite(v)) {
                return new Interval(estimate, Double.NaN, Double.NaN, level, units, resamples);
            }
            values[b] = v;
        }
        Arrays.sort(values);
        double tail = expandedTail(units, level);
        return new Interval(estimate, Quantiles.ofSorted(values, tail), Quantiles.ofSorted(values, 1 - tail), level, units, resamples);
    }

    /** {@link #of} at 95% with {@link #DEFAULT_RESAMPLES} resamples. */
    public static Interval of(int units, ToDoubleFunction<int[]> statistic, long seed) {
        return of(units, statistic, 0.95, DEFAULT_RESAMPLES, seed);
    }

    /**
     * The lower quantile level alpha'/2 of the expanded percentile interval for n units:
     * Phi(-sqrt(n / (n - 1)) t_{n-1, (1 + level)/2}).
     */
    static double expandedTail(int n, double level) {
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + level) / 2);
        return new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.sqrt(n / (n - 1.0)) * t);
    }

    /** Kendall's tau-b of (x, y) with the pairs (x_i, y_i) as the resampled units. */
    public static Interval kendallTau(double[] x, double[] y, long seed) {
        return of(x.length, idx -> Correlations.kendallTau(pick(x, idx), pick(y, idx)), seed);
    }

    /** Spearman's rho of (x, y) with the pairs as the resampled units. */
    public static Interval spearman(double[] x, double[] y, long seed) {
        return of(x.length, idx -> Correlations.spearman(pick(x, idx), pick(y, idx)), seed);
    }

    /** The mean of x, its values the units. */
    public static Interval mean(double[] x, long seed) {
        return of(x.length, idx -> Arrays.stream(pick(x, idx)).average().orElse(Double.NaN), seed);
    }

    /** The values of x at the indices (with repeats). */
    public static double[] pick(double[] x, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }
}
