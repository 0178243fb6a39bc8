package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Batch;

/**
 * One update rule. An optimiser asks the {@link GradientOracle} for what it needs (the mean
 * gradient of a batch here; per-example gradients or several batches for the optimisers of later
 * studies) and updates the parameters in place. State (momentum buffers, moments) is exposed by
 * name so checkpoints can save and restore it exactly.
 */
public interface Optimizer {
    /**
     * Performs one update on {@code params} using {@code batch}.
     *
     * @return the mean data loss of the batch at the parameters before the update
     */
    double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr);

    /** A copy of the optimiser's state by name (buffers and counters), for a checkpoint. */
    Map<String, TensorData> snapshot();

    /** Restores state written by {@link #state()}; names absent from {@code saved} stay zero. */
    void restore(Map<String, TensorData> saved);
}
