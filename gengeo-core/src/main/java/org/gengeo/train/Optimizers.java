package org.gengeo.train;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Network;

/**
 * The optimisers {@code --opt} can name. Adding one is one entry here: a name and a constructor
 * from the run's config and network.
 */
public final class Optimizers {
    private static final Map<String, BiFunction<TrainConfig, Network, Optimizer>> REGISTRY = new TreeMap<>();

    static {
        REGISTRY.put("sgd", (c, n) -> new Sgd(n, c.momentum(), c.nesterov(), WeightDecay.of(c, n)));
        REGISTRY.put("adam", (c, n) -> new Adam(n, c.beta1(), c.beta2(), c.eps(), WeightDecay.of(c, n)));
        REGISTRY.put("winsorized", (c, n) -> new WinsorisedSgd(c.winsor(), WeightDecay.of(c, n)));
        REGISTRY.put("m3", (c, n) -> new ThreeBatchSgd(ThreeBatchSgd.Mode.M3, WeightDecay.of(c, n)));
        REGISTRY.put("rm3", (c, n) -> new ThreeBatchSgd(ThreeBatchSgd.Mode.RM3, WeightDecay.of(c, n)));
        REGISTRY.put("ra3", (c, n) -> new ThreeBatchSgd(ThreeBatchSgd.Mode.RA3, WeightDecay.of(c, n)));
        REGISTRY.put("entropy-sgd", (c, n) -> new EntropySgd(EntropySgdOptions.of(c), c.seed(), WeightDecay.of(c, n)));
    }

    private Optimizers() {}

    /** Fails with the list of valid names unless {@code name} is registered. */
    static void require(String name) {
        if (!REGISTRY.containsKey(name)) {
            throw new GengeoException("unknown optimiser '" + name + "' (expected one of " + String.join(", ", REGISTRY.keySet()) + ")");
        }
    }

    /** A new optimiser for {@code network} as the config says ({@link MultiLearnerSgd} when {@code learners} is set). */
    public static Optimizer create(TrainConfig config, Network network) {
        require(config.opt());
        if (config.learners() != null) {
            MultiLearnerSgd.check(config);
            return MultiLearnerSgd.of(config, network);
        }
        return REGISTRY.get(config.opt()).apply(config, network);
    }
}
