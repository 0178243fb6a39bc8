package org.gengeo.measures;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Loss;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.pergrad.Coherence;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.train.CoherenceProbe;
import org.gengeo.train.LoadedRun;

/**
 * m-coherence of a loaded run's per-example gradients on a seeded sample of its training or test
 * set, for the whole network and per layer (Chatterjee 2020, {@link Coherence}); on a training set
 * with corrupted labels also each group's share of the step.
 */
public final class CoherenceAnalysis {
    private CoherenceAnalysis() {}

    /**
     * What to compute.
     *
     * @param on "train" or "test"
     * @param sample examples (the first {@code sample} of a seeded permutation; all if fewer)
     * @param seed seed of the sample
     * @param chunk examples per pass
     */
    public record Options(String on, int sample, long seed, int chunk) {
        /** This, checked. @throws GengeoException if {@code on} is neither set or {@code sample} or {@code chunk} is below 1 */
        public Options validate() {
            if (sample < 1 || chunk < 1) {
                throw new GengeoException("--sample and --chunk must be at least 1");
            }
            if (!on.equals("train") && !on.equals("test")) {
                throw new GengeoException("--on must be train or test, got '" + on + "'");
            }
            return this;
        }
    }

    /** m-coherence of {@code run} for {@code o}; {@code label} names the run in the record. */
    public static CoherenceRecord run(LoadedRun run, Options o, String label, Provenance provenance) {
        o.validate();
        String on = o.on();
        long seed = o.seed();
        try (NDManager memory = TensorEngine.newManager()) {
            Dataset set = on.equals("train") ? run.data().train() : run.data().test();
            int[] sampled = DataTransforms.firstOfPermutation(set.size(), o.sample(), seed, "coherence-sample");
            int[] corrupted = on.equals("train") ? CoherenceProbe.corrupted(run.data()) : new int[0];
            Map<String, DeviceData> groups = CoherenceProbe.groups(set, sampled, corrupted, memory, run.network().precision());
            Coherence.GroupResult r = Coherence.byGroup(run.network(), groups, Loss.forOutputs(run.network().architecture().outputs()), o.chunk());
            return new CoherenceRecord(provenance, label, on, seed, r.all(), corrupted.length == 0 ? null : r.groups());
        }
    }
}
