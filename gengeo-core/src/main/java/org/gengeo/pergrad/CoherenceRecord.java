package org.gengeo.pergrad;

import java.util.Map;
import org.gengeo.core.Provenance;

/**
 * A run's {@code coherence.json}: m-coherence of the per-example gradients of a sample of the
 * {@code on} set ("train" or "test"), for the whole network and per layer (Chatterjee 2020), and,
 * when the training set has corrupted labels, each group's share of the step (null otherwise).
 */
public record CoherenceRecord(Provenance provenance, String run, String on, long seed, Coherence.Result coherence,
                              Map<String, Coherence.Share> groups) {
}
