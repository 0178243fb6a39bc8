package org.gengeo.train;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.pergrad.Coherence;

/**
 * The fixed sample of training examples on which m-coherence is logged during training: the first
 * M of a seeded permutation of the training set. When the run has label noise, the sample is split
 * into its pristine and corrupt examples and each group's share of the step f_p = &lt;g, g_p&gt; /
 * ||g||^2 (and its own m-coherence) is measured too, from the same per-example gradients.
 */
public final class CoherenceProbe {
    private static final int CHUNK = 500;

    private final Map<String, DeviceData> groups = new LinkedHashMap<>();

    CoherenceProbe(DataSplit split, TrainConfig config, NDManager memory, Precision precision) {
        groups.putAll(groups(split.train(), sampleIndices(split.train(), config), corrupted(split), memory, precision));
    }

    /** The sorted indices of training labels that label noise changed (empty without label noise). */
    public static int[] corrupted(DataSplit split) {
        return split.info().get("corruptedIndices") instanceof int[] c ? c : new int[0];
    }

    /**
     * The examples {@code sample} of {@code set} on the device: one group "all" when nothing is
     * corrupted, else "pristine" and (if any of the sample is corrupted) "corrupt".
     */
    public static Map<String, DeviceData> groups(Dataset set, int[] sample, int[] corrupted, NDManager memory, Precision precision) {
        Map<String, DeviceData> out = new LinkedHashMap<>();
        if (corrupted.length == 0) {
            out.put("all", new DeviceData(set.select(sample), memory, precision));
            return out;
        }
        int[] pristine = Arrays.stream(sample).filter(i -> Arrays.binarySearch(corrupted, i) < 0).toArray();
        int[] corrupt = Arrays.stream(sample).filter(i -> Arrays.binarySearch(corrupted, i) >= 0).toArray();
        out.put("pristine", new DeviceData(set.select(pristine), memory, precision));
        if (corrupt.length > 0) {
            out.put("corrupt", new DeviceData(set.select(corrupt), memory, precision));
        }
        return out;
    }

    /** Indices of the sample: the first M of the permutation stream "coherence-sample" of the run's seed. */
    static int[] sampleIndices(Dataset train, TrainConfig config) {
        return DataTransforms.firstOfPermutation(train.size(), config.coherenceSample(), config.seed(), "coherence-sample");
    }

    /** Measures the network as it is now. */
    Measurement measure(Network net, Loss loss) {
        Coherence.GroupResult r = Coherence.byGroup(net, groups, loss, CHUNK);
        Map<String, Double> layers = new LinkedHashMap<>();
        r.all().layers().forEach((name, v) -> layers.put(name, v.mCoherence()));
        Map<String, MetricsLine.GroupCoherence> shares = null;
        if (!groups.containsKey("all")) {
            shares = new LinkedHashMap<>();
            for (Map.Entry<String, Coherence.Share> e : r.groups().entrySet()) {
                Coherence.Share s = e.getValue();
                shares.put(e.getKey(), new MetricsLine.GroupCoherence(s.examples(), s.stepShare(), s.coherence().mCoherence()));
            }
        }
        return new Measurement(r.all().total().mCoherence(), layers, shares);
    }

    /** What one measurement adds to a metrics line. */
    record Measurement(double total, Map<String, Double> layers, Map<String, MetricsLine.GroupCoherence> groups) {}
}
