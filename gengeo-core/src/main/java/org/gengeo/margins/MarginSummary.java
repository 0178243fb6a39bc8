package org.gengeo.margins;

import org.gengeo.stats.Quantiles;

/**
 * What one network's margins on one data set come to (Banburski et al. 2021): the area under the
 * sorted normalised margin curve (= mean normalised margin; larger is better), its baselines (minimum
 * and median normalised margin, the area of the unnormalised curve), the CDF area over the fixed grid
 * [cdfLo, cdfHi] (smaller is better), the error fraction (margins &lt;= 0), and the curve itself at
 * {@value #CURVE_POINTS} rank fractions u = 0, 1/(K-1), ..., 1 (the u-quantiles, linear interpolation).
 */
public record MarginSummary(int examples, double area, double minMargin, double medianMargin, double unnormalisedArea,
                            double cdfLo, double cdfHi, double cdfArea, double errorRate, double[] curveU, double[] curve) {
    /** Points kept of the curve. */
    public static final int CURVE_POINTS = 101;

    /** The summary of {@code m}, with the CDF integrated over [cdfLo, cdfHi]. */
    public static MarginSummary of(ExampleMargins m, double cdfLo, double cdfHi) {
        MarginCurve c = MarginCurve.of(m.normalised());
        double[] u = new double[CURVE_POINTS];
        double[] q = new double[CURVE_POINTS];
        for (int k = 0; k < CURVE_POINTS; k++) {
            u[k] = (double) k / (CURVE_POINTS - 1);
            q[k] = Quantiles.ofSorted(c.sorted(), u[k]);
        }
        return new MarginSummary(m.size(), c.area(), c.min(), c.median(), MarginCurve.of(m.raw()).area(), cdfLo, cdfHi,
                c.cdfArea(cdfLo, cdfHi), c.errorRate(), u, q);
    }
}
