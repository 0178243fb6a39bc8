package org.gengeo.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One line of {@code metrics.jsonl}: the state of training at an evaluation point. Losses are the
 * mean data loss (no weight decay) over the whole training / test set with dropout off;
 * {@code batch_loss} is the mean of the minibatch losses since the previous line. With
 * {@code --coherence-every K}, lines at multiples of K also carry the m-coherence of the per-example
 * gradients on the fixed coherence sample, in total and per layer (absent otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsLine(long step, int epoch, double trainLoss, double trainAcc, double testLoss,
                          double testAcc, double batchLoss, double lr, double wallS, Double coherence,
                          Map<String, Double> coherenceLayers) {}
