package org.gengeo.curvature;

/**
 * A symmetric linear map v -> A v on R^n, the only thing the curvature algorithms see: they never
 * touch data, models or chunking (unlike PyHessian, whose every algorithm repeats the data loop).
 */
public interface SymmetricOperator {
    /** The dimension n. */
    int dim();

    /** A v for a vector of length n; must not modify v. */
    double[] apply(double[] v);
}
