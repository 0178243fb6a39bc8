package org.gengeo.study;

/**
 * One trained network of the flatness study and its measures, before and after alpha-scaling.
 *
 * @param optimiser          sgd or adam
 * @param attack             |A|
 * @param seed               training seed
 * @param run                run directory
 * @param epochs             epochs trained
 * @param trainAcc           final accuracy on S u A (below 1 when training stopped at 100% on S)
 * @param testAcc            accuracy on E
 * @param log10P             log10 P(f) (EP, analytic NNGP kernel)
 * @param scaledLog10P       the same for the alpha-scaled network
 * @param epSweeps           EP sweeps
 * @param sharpness          Keskar sharpness
 * @param sharpnessScaled    after alpha-scaling
 * @param topEigenvalue      largest Hessian eigenvalue
 * @param topEigenvalueScaled after alpha-scaling
 * @param trace              Hessian trace
 * @param traceScaled        after alpha-scaling
 * @param frobenius          Hessian Frobenius norm
 * @param frobeniusScaled    after alpha-scaling
 * @param weightNorms        product of the weight matrices' Frobenius norms
 * @param outputDifference   largest relative output difference the rescaling caused on S u A and E
 * @param measuredOn         the set sharpness and the Hessian were measured on (S or S+A; null in rows of gengeo before it was recorded: S+A)
 * @param heldOutTestAcc     the control the paper does not have: accuracy on the first half of E
 * @param stoppedOn        the set whose 100% accuracy stopped training (S or S+A; null in rows of gengeo before it was recorded: S+A)
 * @param heldOutLog10P      log10 P(f) with f = labels on S and predictions on the second half of E (E', disjoint
 *                           from the half that measures heldOutTestAcc); null in rows written before the control
 */
public record FlatnessRow(String optimiser, int attack, int seed, String run, int epochs, double trainAcc, double testAcc,
                          double log10P, double scaledLog10P, int epSweeps, double sharpness, double sharpnessScaled,
                          double topEigenvalue, double topEigenvalueScaled, double trace, double traceScaled, double frobenius,
                          double frobeniusScaled, double weightNorms, double outputDifference,
                          String measuredOn, Double heldOutTestAcc, Double heldOutLog10P, String stoppedOn) {}
