package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;

/**
 * Synchronous SGD with L learners, each with its own minibatch. The trainer hands one step L B
 * consecutive examples of the epoch's shuffled order ({@link TrainConfig#examplesPerStep()}),
 * and learner l takes the l-th slice [floor(l m / L), floor((l + 1) m / L)) of the m it got (B each,
 * except in a short last step of an epoch).
 * <ul>
 * <li>{@code all-reduce} (centralised, synchronous SGD): one shared model w; the learners' gradients
 * at w are averaged, weighted by slice size, and one step is taken,
 * w &larr; w - lr sum_l (n_l / m) g_l(w). This is SGD with batch L B.</li>
 * <li>{@code ring} (decentralised, D-PSGD of Lian et al., NeurIPS 2017): learner l keeps its own
 * weights w_l, takes its own step s_l = w_l - lr g_l(w_l) and then averages with its two ring
 * neighbours, w_l &larr; sum_j M_lj s_j with M = (I + P + P^T) / 3 (P the cyclic shift: weight 1/3
 * for itself and each neighbour; doubly stochastic, so the mixing keeps the learners' average). It is
 * computed as s_l + (s_{l-1} + s_{l+1} - 2 s_l) / 3, which leaves identical learners exactly
 * unchanged. The network (what is evaluated, saved and measured) holds the learners' average
 * w_0 + (1/L) sum_l (w_l - w_0); the learners' own weights are optimiser state, saved in checkpoints.
 * All learners start from the network's initial weights.</li>
 * </ul>
 * Only plain SGD (no momentum) is supported; weight decay and the norm penalty act on each learner's
 * gradient. The loss returned is the slice-size weighted mean of the learners' minibatch losses,
 * each at its own weights.
 */
public final class MultiLearnerSgd implements Optimizer {
    /** How the learners combine their work. */
    public enum Topology {
        ALL_REDUCE, RING;

        /** Parses "all-reduce" or "ring" (null: all-reduce). */
        public static Topology parse(String text) {
            switch (text == null ? "all-reduce" : text.toLowerCase(Locale.ROOT)) {
                case "all-reduce": return ALL_REDUCE;
                case "ring": return RING;
                default: throw new GengeoException("--topology must be all-reduce or ring, got '" + text + "'");
            }
        }
    }

    private final int learners;
    private final Topology topology;
    private final WeightDecay weightDecay;
    private final List<String> names;
    private final OptimizerState state;

    /** {@code learners} learners for {@code network}'s parameters, all starting from its current weights. */
    public MultiLearnerSgd(Network network, int learners, Topology topology, WeightDecay weightDecay) {
        if (learners < 1) {
            throw new GengeoException("--learners must be at least 1, got " + learners);
        }
        this.learners = learners;
        this.topology = topology;
        this.weightDecay = weightDecay;
        this.names = List.copyOf(network.parameters().keySet());
        if (topology == Topology.RING) {
            String[] kinds = new String[learners];
            for (int l = 0; l < learners; l++) {
                kinds[l] = kind(l);
            }
            this.state = new OptimizerState(network, kinds);
            List<NDArray> params = network.parameterList();
            for (int l = 0; l < learners; l++) {
                copy(params, weights(l));
            }
        } else {
            this.state = new OptimizerState(network);
        }
    }

    /** The optimiser a config with {@code learners} set asks for. */
    static MultiLearnerSgd of(TrainConfig c, Network network) {
        return new MultiLearnerSgd(network, c.learnerCount(), Topology.parse(c.topology()), WeightDecay.of(c, network));
    }

    /** Rejects a config whose learner options are invalid or combined with an unsupported optimiser. */
    static void check(TrainConfig c) {
        if (c.learners() == null) {
            if (c.topology() != null) {
                throw new GengeoException("--topology needs --learners L");
            }
            return;
        }
        if (c.learners() < 1) {
            throw new GengeoException("--learners must be at least 1, got " + c.learners());
        }
        Topology.parse(c.topology());
        if (!c.opt().equals("sgd") || c.momentum() != 0) {
            throw new GengeoException("--learners supports plain SGD only (--opt sgd --momentum 0), got --opt " + c.opt()
                    + " --momentum " + c.momentum());
        }
    }

    @Override
    public double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        return topology == Topology.ALL_REDUCE ? allReduce(params, batch, oracle, lr) : ring(params, batch, oracle, lr);
    }

    private double allReduce(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        long m = batch.size();
        List<NDArray> sum = new ArrayList<>();
        double loss = 0;
        for (int l = 0; l < learners; l++) {
            long from = sliceStart(l, m);
            long to = sliceStart(l + 1, m);
            if (from == to) {
                continue;
            }
            double share = (double) (to - from) / m;
            GradientOracle.Gradient g = oracle.meanGradient(slice(batch, from, to));
            loss += share * g.loss();
            for (int i = 0; i < params.size(); i++) {
                NDArray part = g.arrays().get(i).mul(share);
                if (sum.size() <= i) {
                    sum.add(part);
                } else {
                    sum.get(i).addi(part);
                }
            }
        }
        weightDecay.shrink(params, lr);
        for (int i = 0; i < params.size(); i++) {
            params.get(i).subi(sum.get(i).mul(lr));
        }
        return loss;
    }

    private double ring(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        long m = batch.size();
        List<List<NDArray>> stepped = new ArrayList<>();
        double loss = 0;
        for (int l = 0; l < learners; l++) {
            copy(weights(l), params);
            long from = sliceStart(l, m);
            long to = sliceStart(l + 1, m);
            List<NDArray> next = new ArrayList<>();
            if (from == to) {
                params.forEach(p -> next.add(p.duplicate()));
            } else {
                GradientOracle.Gradient g = oracle.meanGradient(slice(batch, from, to));
                loss += (double) (to - from) / m * g.loss();
                weightDecay.shrink(params, lr);
                for (int i = 0; i < params.size(); i++) {
                    next.add(params.get(i).sub(g.arrays().get(i).mul(lr)));
                }
            }
            stepped.add(next);
        }
        List<List<NDArray>> mixed = mix(stepped);
        for (int l = 0; l < learners; l++) {
            copy(mixed.get(l), weights(l));
        }
        copy(average(mixed), params);
        return loss;
    }

    /**
     * One gossip step on a ring: learner l's arrays become s_l + (s_{l-1} + s_{l+1} - 2 s_l) / 3, that is
     * sum_j M_lj s_j with M = (I + P + P^T) / 3 (indices modulo L; with L = 2 both neighbours are the other
     * learner, with L = 1 M = I). New arrays; the inputs are untouched.
     */
    static List<List<NDArray>> mix(List<List<NDArray>> s) {
        int n = s.size();
        List<List<NDArray>> out = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            List<NDArray> self = s.get(l);
            List<NDArray> left = s.get((l + n - 1) % n);
            List<NDArray> right = s.get((l + 1) % n);
            List<NDArray> mixed = new ArrayList<>();
            for (int i = 0; i < self.size(); i++) {
                NDArray pull = left.get(i).sub(self.get(i)).add(right.get(i).sub(self.get(i)));
                mixed.add(self.get(i).add(pull.div(3.0)));
            }
            out.add(mixed);
        }
        return out;
    }

    /** The learners' average, w_0 + (1/L) sum_l (w_l - w_0) (exactly w_0 when all are equal). */
    static List<NDArray> average(List<List<NDArray>> w) {
        List<NDArray> first = w.get(0);
        List<NDArray> out = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            NDArray deviation = first.get(i).zerosLike();
            for (int l = 1; l < w.size(); l++) {
                deviation.addi(w.get(l).get(i).sub(first.get(i)));
            }
            out.add(first.get(i).add(deviation.div((double) w.size())));
        }
        return out;
    }

    /** Where learner l's slice of m examples starts: floor(l m / L). */
    private long sliceStart(int l, long m) {
        return l * m / learners;
    }

    private static Batch slice(Batch batch, long from, long to) {
        NDIndex range = new NDIndex(from + ":" + to);
        return new Batch(batch.x().get(range), batch.y().get(range));
    }

    private static String kind(int l) {
        return "learner" + l;
    }

    private List<NDArray> weights(int l) {
        List<NDArray> out = new ArrayList<>();
        for (String name : names) {
            out.add(state.get(kind(l), name));
        }
        return out;
    }

    /** Copies each array of {@code from} into the matching array of {@code to}, in place. */
    private static void copy(List<NDArray> from, List<NDArray> to) {
        for (int i = 0; i < from.size(); i++) {
            to.get(i).set(from.get(i).toByteBuffer());
        }
    }

    @Override
    public Map<String, TensorData> snapshot() {
        return state.snapshot();
    }

    @Override
    public void restore(Map<String, TensorData> saved) {
        state.restore(saved);
    }
}
