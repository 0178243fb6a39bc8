package org.gengeo.curvature;

/** A curvature matrix of a network's loss as an operator that counts its products and holds engine state until closed. */
public interface CurvatureOperator extends SymmetricOperator, AutoCloseable {
    /** Number of products computed so far. */
    long applications();

    @Override
    void close();
}
