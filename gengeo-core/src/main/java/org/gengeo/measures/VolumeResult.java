package org.gengeo.measures;

import org.gengeo.core.Provenance;
import org.gengeo.nngp.MarginalLikelihood;

/**
 * {@code volume.json}: the prior probability P(f) of the function a trained binary classifier
 * expresses on S and E, under the NNGP of its architecture.
 *
 * @param provenance     code, engine and command
 * @param run            the run directory (or a label)
 * @param options        what was asked
 * @param kernel         description of the kernel used
 * @param trainPoints    |S| (training examples without attack points), labelled with their true labels
 * @param testPoints     |E|, labelled with the network's predictions
 * @param testAccuracy   the network's accuracy on those test points
 * @param logP           natural log of P(f) (EP)
 * @param log10P         log10 P(f) (EP)
 * @param ep             the EP run
 * @param laplace        the Laplace approximation, or null
 * @param kernelSamples  random networks behind the empirical kernel (0 for the analytic one)
 * @param kernelError    mean standard error of the empirical kernel relative to its mean diagonal (0 for the analytic one)
 * @param kernelS        seconds spent on the kernel
 * @param epS            seconds spent on EP
 * @param laplaceS       seconds spent on the Laplace approximation (0 when not asked)
 */
public record VolumeResult(Provenance provenance, String run, VolumeOptions options, String kernel, int trainPoints,
                           int testPoints, double testAccuracy, double logP, double log10P, MarginalLikelihood ep,
                           MarginalLikelihood laplace, long kernelSamples, double kernelError, double kernelS, double epS,
                           double laplaceS) {
}
