package org.gengeo.margins;

import java.util.Map;
import org.gengeo.core.Provenance;

/**
 * A run's {@code margins.json}: the normalised margin distributions of the training and test sets
 * (Bartlett et al. 2017, normalised by the product of the weight norms as in Jiang et al. 2019) and
 * the margin signature of the hidden layers (Jiang et al. 2019). For a batch-norm model,
 * {@code batchNorm} is the reading used and {@code logNormProductByReading} gives log rho under both
 * readings (both null without batch norm).
 */
public record MarginsRecord(Provenance provenance, String run, boolean biasIncluded, double logNormProduct, MarginSummary train,
                            MarginSummary test, int signatureExamples, MarginSignature signature, double[] signatureLogFeatures,
                            double wallS, String batchNorm, Map<String, Double> logNormProductByReading) {
}
