package org.gengeo.measures;

import org.gengeo.core.Provenance;

/**
 * {@code landscape.json}: training and test loss (and accuracy) on a grid of parameter points
 * w + a d1 (+ b d2). For a 1-D slice the arrays have one row; {@code trainLoss[j][i]} is at
 * (alpha[i], beta[j]).
 */
public record LandscapeResult(Provenance provenance, String run, LandscapeOptions options, double[] alpha, double[] beta,
                              double[][] trainLoss, double[][] testLoss, double[][] trainAcc, double[][] testAcc,
                              double[] directionNorms, double wallS) {
}
