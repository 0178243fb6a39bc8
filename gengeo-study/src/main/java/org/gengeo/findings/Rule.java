package org.gengeo.findings;

import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * The rule that turns a measurement into a {@link Verdict}: the paper's claim is that the measured
 * quantity lies {@code above} or {@code below} {@code threshold} (0 for a correlation or a
 * difference, 1 for a ratio). With basis {@code interval} the 95% interval decides: all of it on the
 * paper's side is {@code reproduced}, all of it on the other side {@code contradicted}; otherwise the
 * estimate's side gives {@code partly} or {@code not reproduced}. Without an interval (a single seed)
 * the estimate can give at most {@code partly}. With basis {@code exact} the quantity has no sampling
 * error worth an interval (a bound over every network, a floating-point identity) and its value
 * alone gives {@code reproduced} or {@code not reproduced}.
 *
 * @param side      {@code above} or {@code below}: where the paper puts the quantity
 * @param threshold the value the quantity is compared with
 * @param basis     {@code interval} or {@code exact}
 */
public record Rule(String side, double threshold, String basis) {
    public Rule {
        if (!side.equals("above") && !side.equals("below")) {
            throw new GengeoException("a finding's rule side must be 'above' or 'below', got '" + side + "'");
        }
        if (!basis.equals("interval") && !basis.equals("exact")) {
            throw new GengeoException("a finding's rule basis must be 'interval' or 'exact', got '" + basis + "'");
        }
    }

    /** The paper says: above {@code threshold}, judged on the interval. */
    public static Rule above(double threshold) {
        return new Rule("above", threshold, "interval");
    }

    /** The paper says: below {@code threshold}, judged on the interval. */
    public static Rule below(double threshold) {
        return new Rule("below", threshold, "interval");
    }

    /** An exact check: the value itself must lie below {@code threshold}. */
    public static Rule exactlyBelow(double threshold) {
        return new Rule("below", threshold, "exact");
    }

    /** The verdict on {@code measured} with the interval [low, high] ({@code ci} null: no interval). */
    public Verdict decide(double measured, double[] ci) {
        if (!Double.isFinite(measured)) {
            return Verdict.NOT_REPRODUCED;
        }
        boolean estimateSide = onPaperSide(measured);
        if (basis.equals("exact")) {
            return estimateSide ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
        }
        if (ci != null && Double.isFinite(ci[0]) && Double.isFinite(ci[1])) {
            if (onPaperSide(ci[0]) && onPaperSide(ci[1])) {
                return Verdict.REPRODUCED;
            }
            if (!onPaperSide(ci[0]) && !onPaperSide(ci[1]) && ci[0] != threshold && ci[1] != threshold) {
                return Verdict.CONTRADICTED;
            }
        }
        return estimateSide ? Verdict.PARTLY : Verdict.NOT_REPRODUCED;
    }

    private boolean onPaperSide(double v) {
        return side.equals("above") ? v > threshold : v < threshold;
    }

    /** The rule in words, as the tables print it. */
    public String describe() {
        String t = String.format(Locale.ROOT, "%s %s", side, org.gengeo.report.page.Numbers.compact(threshold, 6));
        return basis.equals("exact") ? "exact: reproduced if " + t
                : "paper: " + t + "; reproduced if the 95% CI is " + t + ", contradicted if it is all on the other side, "
                        + "else partly/not reproduced by the estimate's side (one seed: at most partly)";
    }
}
