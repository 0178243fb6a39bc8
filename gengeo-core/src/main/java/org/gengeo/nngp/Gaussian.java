package org.gengeo.nngp;

/**
 * The standard normal density and distribution function, with the logarithm of the distribution
 * function accurate far into the lower tail (EP and Laplace work with log Phi(z) for z down to
 * -1e3 and beyond, where Phi itself underflows).
 *
 * <p>erfc is computed from its Maclaurin series of erf for |x| &lt; 2.5 and from the continued
 * fraction erfc(x) = exp(-x^2) / sqrt(pi) * 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...))))
 * for x &ge; 2.5 (Abramowitz and Stegun 7.1.5 and 7.1.14), evaluated by the modified Lentz method;
 * both are accurate to about 1e-14 relative.
 */
public final class Gaussian {
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SERIES_LIMIT = 2.5;

    private Gaussian() {
    }

    /** phi(z) = exp(-z^2/2) / sqrt(2 pi). */
    public static double pdf(double z) {
        return Math.exp(logPdf(z));
    }

    /** log phi(z). */
    public static double logPdf(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /** Phi(z) = erfc(-z / sqrt 2) / 2. */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / SQRT2);
    }

    /** log Phi(z), finite for every finite z (log1p(-Phi(-z)) above 0, the tail form far below). */
    public static double logCdf(double z) {
        if (z > 0) {
            return Math.log1p(-cdf(-z));
        }
        double x = -z / SQRT2;
        if (x < SERIES_LIMIT) {
            return Math.log(0.5 * erfc(x));
        }
        return -x * x + Math.log(erfcScaledTail(x)) - Math.log(2);
    }

    /** The inverse Mills ratio phi(z) / Phi(z), stable in the lower tail (about -z there). */
    public static double millsRatio(double z) {
        return Math.exp(logPdf(z) - logCdf(z));
    }

    /** erfc(x) = 1 - erf(x). */
    public static double erfc(double x) {
        if (x >= SERIES_LIMIT) {
            return Math.exp(-x * x) * erfcScaledTail(x);
        }
        if (x <= -SERIES_LIMIT) {
            return 2 - Math.exp(-x * x) * erfcScaledTail(-x);
        }
        return 1 - erfSeries(x);
    }

    /** erf(x). */
    public static double erf(double x) {
        return Math.abs(x) < SERIES_LIMIT ? erfSeries(x) : Math.signum(x) * (1 - erfc(Math.abs(x)));
    }

    /** erf(x) = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1)). */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** exp(x^2) erfc(x) for x &ge; 2.5, by the continued fraction (modified Lentz). */
    private static double erfcScaledTail(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / (f * Math.sqrt(Math.PI));
    }
}
