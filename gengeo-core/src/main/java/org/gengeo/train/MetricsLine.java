package org.gengeo.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One line of {@code metrics.jsonl}: the state of training at an evaluation point. Losses are the
 * mean data loss (no weight decay) over the whole training / test set with dropout off;
 * {@code batch_loss} is the mean of the minibatch losses since the previous line. With
 * {@code --coherence-every K}, lines at multiples of K also carry the m-coherence of the per-example
 * gradients on the fixed coherence sample, in total and per layer (absent otherwise); under label
 * noise also {@code coherence_groups}, the pristine and corrupt examples' shares of the step
 * f_p = &lt;g, g_p&gt; / ||g||^2 (they sum to 1) and the m-coherence within each group.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsLine(long step, int epoch, double trainLoss, double trainAcc, double testLoss,
                          double testAcc, double batchLoss, double lr, double wallS, Double coherence,
                          Map<String, Double> coherenceLayers, Map<String, GroupCoherence> coherenceGroups) {

    /** A group of the coherence sample: its size, its share f_p of the step, and its own m-coherence. */
    public record GroupCoherence(int examples, double stepShare, double mCoherence) {}
}
