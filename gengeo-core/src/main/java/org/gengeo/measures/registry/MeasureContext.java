package org.gengeo.measures.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.BatchNorm;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;

/**
 * What a measure may look at: the trained network, its training config, its data, and (derived
 * once and cached) the parameter values, the weight matrices and the initial parameters.
 *
 * <p>The trainer does not save the initial weights. They are re-created here exactly, from the
 * config, by {@link Trainer#initialNetwork} as for a new run: {@link Network#initialise} draws them
 * from {@code Seeds.random(seed, "init")} in parameter order with the config's architecture, init
 * scheme and scale and precision, or they are read from the config's {@code init-from} file (a test
 * checks that a run trained with lr 0 is at distance 0).
 */
public final class MeasureContext {
    private final TrainConfig config;
    private final DataSplit data;
    private final Network network;
    private Map<String, double[]> weights;
    private Map<String, double[]> initial;

    public MeasureContext(TrainConfig config, DataSplit data, Network network) {
        this.config = config;
        this.data = data;
        this.network = network;
    }

    /** The context of a loaded run (the run stays open; the caller closes it). */
    public static MeasureContext of(LoadedRun run) {
        return new MeasureContext(run.config(), run.data(), run.network());
    }

    public TrainConfig config() {
        return config;
    }

    public Network network() {
        return network;
    }

    public Loss loss() {
        return Loss.forOutputs(network.architecture().outputs());
    }

    public Dataset train() {
        return data.train();
    }

    /** The run's data split, with its transformation record (corrupted and attack indices). */
    public DataSplit split() {
        return data;
    }

    public Dataset test() {
        return data.test();
    }

    /** The first {@code n} examples of a permutation of {@code set} seeded by {@code seed} and {@code purpose}; all if n is larger. */
    public static Dataset sample(Dataset set, int n, long seed, String purpose) {
        if (n >= set.size()) {
            return set;
        }
        return set.select(DataTransforms.firstOfPermutation(set.size(), n, seed, purpose));
    }

    /** Every parameter's values, flat in the tensor's row-major order, by name. */
    public synchronized Map<String, double[]> weights() {
        if (weights == null) {
            weights = new LinkedHashMap<>();
            network.parameters().forEach((k, v) -> weights.put(k, Tensors.doubles(v)));
        }
        return weights;
    }

    /** The parameters the run started from, re-created from the config's seed (see the class comment). */
    public synchronized Map<String, double[]> initialWeights() {
        if (initial == null) {
            try (Network start = Trainer.initialNetwork(config)) {
                initial = new LinkedHashMap<>();
                start.parameters().forEach((k, v) -> initial.put(k, Tensors.doubles(v)));
            }
        }
        return initial;
    }

    /**
     * The weight tensors (biases left out) as matrices [out, in * kernel area], in layer order; a batch
     * norm's gamma is not a weight matrix and is left out too.
     */
    public List<WeightMatrix> weightMatrices() {
        List<WeightMatrix> out = new ArrayList<>();
        network.parameters().forEach((name, array) -> {
            if (network.role(name) == Network.Role.WEIGHT) {
                long[] shape = array.getShape().getShape();
                out.add(new WeightMatrix(name, (int) shape[0], (int) (array.size() / shape[0]), weights().get(name)));
            }
        });
        return out;
    }
}
