package org.gengeo.measures;

/** A scalar function of a flat parameter vector with its gradient, as a search algorithm sees it. */
public interface DifferentiableObjective {
    /** The value at {@code w} and its gradient, which is written into {@code gradient} (same length as w). */
    double valueAndGradient(double[] w, double[] gradient);
}
