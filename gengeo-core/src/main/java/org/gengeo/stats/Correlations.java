package org.gengeo.stats;

import java.util.Arrays;
import java.util.Comparator;
import org.gengeo.core.GengeoException;

/**
 * Rank and linear correlation coefficients, as used to ask how well a generalization measure predicts
 * test error (Jiang et al. 2020, "Fantastic generalization measures and where to find them", use
 * Kendall's tau; Zhang et al. 2021 report Kendall's tau of log P(f) and sharpness with test accuracy).
 */
public final class Correlations {
    private Correlations() {}

    /** Pearson's r = cov(x, y) / (sd(x) sd(y)); NaN when either sample is constant. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Spearman's rho: Pearson's r of the ranks, ties given their average rank. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /**
     * Kendall's tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)), where C and D count concordant and
     * discordant pairs, n0 = n(n-1)/2, and n1, n2 count pairs tied in x and in y (Kendall 1945). O(n^2),
     * meant for the tens to thousands of models of a study. NaN when either sample is constant.
     */
    public static double kendallTau(double[] x, double[] y) {
        check(x, y);
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if (sx == sy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        double n0 = n * (n - 1) / 2.0;
        double denominator = Math.sqrt((n0 - tiedX) * (n0 - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    /** Ranks 1..n, ties sharing the mean of the ranks they span. */
    public static double[] ranks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new GengeoException("correlation of samples of different sizes: " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            throw new GengeoException("correlation needs at least 2 points, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new GengeoException("correlation of a non-finite value at index " + i);
            }
        }
    }
}
