package org.gengeo.margins;

import org.gengeo.stats.Quantiles;

/**
 * The margin-distribution curve of Banburski et al. (2021) as a cumulative curve: the margins sorted
 * ascending, q_n, plotted against the rank fraction u_n = (n + 1/2) / N (midpoints, so the curve
 * covers [0, 1]). Its area is the midpoint rule for the integral of q(u) over [0, 1], which equals
 * the mean margin; larger is better. Negative margins (training errors) are included, and their
 * fraction is reported. Baselines: the minimum and the median (linear interpolation, numpy's default).
 *
 * @param sorted    the margins, ascending
 * @param area      integral of q(u) du = mean margin
 * @param min       the smallest margin
 * @param median    the 0.5-quantile
 * @param errorRate fraction of margins &lt;= 0 (misclassified, or on the boundary)
 */
public record MarginCurve(double[] sorted, double area, double min, double median, double errorRate) {
    /** The curve of {@code margins}. */
    public static MarginCurve of(double[] margins) {
        if (margins.length == 0) {
            throw new IllegalArgumentException("no margins");
        }
        double[] s = Quantiles.sorted(margins);
        double sum = 0;
        int errors = 0;
        for (double m : s) {
            sum += m;
            if (m <= 0) {
                errors++;
            }
        }
        return new MarginCurve(s, sum / s.length, s[0], Quantiles.ofSorted(s, 0.5), (double) errors / s.length);
    }

    /** The rank fraction u_n = (n + 1/2) / N of the n-th sorted margin. */
    public double rankFraction(int n) {
        return (n + 0.5) / sorted.length;
    }

    /**
     * The CDF variant: integral over [lo, hi] of the empirical CDF F(g) = #{m_n &lt;= g} / N, exactly
     * (F is a step function), which equals mean over n of (hi - clamp(m_n, lo, hi)). Smaller is better;
     * use one grid [lo, hi] for every network compared. When every margin lies in [lo, hi] it is
     * hi - area (Banburski et al. 2021, read as in the spec, section 2).
     */
    public double cdfArea(double lo, double hi) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("CDF grid [" + lo + ", " + hi + "] is empty");
        }
        double sum = 0;
        for (double m : sorted) {
            sum += hi - Math.min(hi, Math.max(lo, m));
        }
        return sum / sorted.length;
    }

    /**
     * The empirical CDF at {@code points} equally spaced values from lo to hi inclusive (for plots and
     * for the CDF table in margins.json).
     */
    public double[] cdf(double lo, double hi, int points) {
        double[] out = new double[points];
        int k = 0;
        for (int p = 0; p < points; p++) {
            double g = points == 1 ? lo : lo + (hi - lo) * p / (points - 1);
            while (k < sorted.length && sorted[k] <= g) {
                k++;
            }
            out[p] = (double) k / sorted.length;
        }
        return out;
    }
}
