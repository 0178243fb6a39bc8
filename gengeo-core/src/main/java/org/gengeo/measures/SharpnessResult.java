package org.gengeo.measures;

import org.gengeo.core.Provenance;

/**
 * {@code sharpness.json}: flatness measures of a trained network's training loss.
 *
 * @param provenance        code, engine and command
 * @param run               the run directory (or a label)
 * @param options           what was asked
 * @param examples          training examples the loss averages over
 * @param parameters        number of parameters
 * @param loss              L(w) at the trained weights
 * @param maxLossInBox      the largest L found in the Keskar box
 * @param sharpness         Keskar sharpness 100 (max L - L(w)) / (1 + L(w))
 * @param largestBoxRatio   the largest |w'_i - w_i| / (eps (|w_i| + 1)) any iterate reached (&lt;= 1: never left the box)
 * @param topEigenvalue     largest Hessian eigenvalue (Lanczos), or NaN when curvature was off
 * @param topResidual       its residual norm
 * @param trace             Hessian trace (Hutchinson)
 * @param traceError        its standard error
 * @param hessianFrobenius  ||H||_F, from E ||H z||^2 = ||H||_F^2 over Rademacher z
 * @param frobeniusError    its standard error (delta method)
 * @param weightNormProduct product over layers of the weight matrices' Frobenius norms
 * @param wallS             seconds spent
 */
public record SharpnessResult(Provenance provenance, String run, SharpnessOptions options, int examples, long parameters,
                              double loss, double maxLossInBox, double sharpness, double largestBoxRatio,
                              double topEigenvalue, double topResidual, double trace, double traceError,
                              double hessianFrobenius, double frobeniusError, double weightNormProduct, double wallS) {
}
