package org.gengeo.train;

import java.util.Map;
import org.gengeo.core.Provenance;
import org.gengeo.core.model.Evaluation;

/**
 * The result of {@code gengeo eval}: data loss and accuracy of a saved model on its run's
 * training and test sets.
 */
public record EvalRecord(Provenance provenance, String run, String arch, Map<String, Object> data,
                         Evaluation train, Evaluation test) {}
