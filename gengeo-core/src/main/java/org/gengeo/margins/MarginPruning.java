package org.gengeo.margins;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.train.GradientOracle;
import org.gengeo.train.Optimizer;
import org.gengeo.train.Optimizers;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.WeightDecay;

/**
 * Dynamic dataset reduction after separation (Banburski et al. 2021, read as in the spec, section 3):
 * train on all N examples until every training example is classified correctly (min margin &gt; 0) or
 * {@code maxSeparationEpochs} pass; then, every {@code every} epochs, recompute the margins of the
 * current subset S with the current weights, keep the fraction {@code keep} of S chosen by the
 * {@link Selection} rule, and continue with the same optimiser (state kept) on S, until |S| &lt;=
 * {@code floor} N; a last block of {@code every} epochs is trained on the final subset. Batches are
 * min(batch, |S|). Test accuracy is recorded after every epoch.
 */
public final class MarginPruning {
    private MarginPruning() {}

    /** Which examples survive a reduction. */
    public enum Selection {
        /** The lowest normalised margins (the paper's rule). */
        LOW_MARGIN,
        /** A uniformly random subset (control). */
        RANDOM,
        /** The highest margins (control: the "easy" examples). */
        HIGH_MARGIN;

        /** Lower-case name with dashes, for files and plots. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The schedule: epochs between reductions, kept fraction, stopping fraction, epoch cap before separation. */
    public record Schedule(int every, double keep, double floor, int maxSeparationEpochs) {}

    /** One epoch: its number, the fraction |S|/N it was trained on, train accuracy on S, test accuracy. */
    public record Epoch(int epoch, double retained, double subsetAccuracy, double testAccuracy) {}

    /**
     * The run: epoch trace, the epoch at which the data was separated (-1 if never), and the subsets
     * (original indices, sorted) after each reduction.
     */
    public record Result(Selection selection, long seed, int separatedAt, List<Epoch> epochs, List<int[]> subsets) {}

    /** Runs the procedure for one seed (initialisation, data order and random selection). */
    public static Result run(TrainConfig config, Dataset train, Dataset test, Selection selection, Schedule schedule, long seed) {
        Architecture arch = Architecture.parse(config.model());
        Loss loss = Loss.forOutputs(arch.outputs());
        Precision precision = Precision.parse(config.dtype());
        try (Network net = Network.initialise(arch, Activation.parse(config.activation()), 0,
                Init.parse(config.init()).scaled(config.initScale()), seed, precision);
             NDManager memory = TensorEngine.newManager()) {
            DeviceData trainData = new DeviceData(train, memory, precision);
            DeviceData testData = new DeviceData(test, memory, precision);
            Optimizer optimizer = Optimizers.create(config, net);
            GradientOracle oracle = new GradientOracle(net, loss, WeightDecay.of(config, net), seed, null);
            int[] subset = IntStream.range(0, train.size()).toArray();
            List<Epoch> epochs = new ArrayList<>();
            List<int[]> subsets = new ArrayList<>();
            long[] step = {0};
            int epoch = 0;
            int separatedAt = -1;
            while (epoch < schedule.maxSeparationEpochs()) {
                epoch++;
                epochs.add(trainEpoch(net, optimizer, oracle, config, trainData, testData, subset, loss, seed, epoch, step));
                if (epochs.get(epochs.size() - 1).subsetAccuracy() >= 1) {
                    separatedAt = epoch;
                    break;
                }
            }
            SplittableRandom rng = Seeds.random(seed, "prune-random");
            while (subset.length > schedule.floor() * train.size()) {
                int keep = Math.max(1, (int) Math.round(schedule.keep() * subset.length));
                subset = select(net, trainData, subset, keep, selection, rng);
                subsets.add(subset);
                for (int e = 0; e < schedule.every(); e++) {
                    epoch++;
                    epochs.add(trainEpoch(net, optimizer, oracle, config, trainData, testData, subset, loss, seed, epoch, step));
                }
            }
            return new Result(selection, seed, separatedAt, List.copyOf(epochs), List.copyOf(subsets));
        }
    }

    /** The {@code keep} examples of {@code subset} the rule keeps, sorted by original index. */
    static int[] select(Network net, DeviceData all, int[] subset, int keep, Selection selection, SplittableRandom rng) {
        Integer[] order = IntStream.range(0, subset.length).boxed().toArray(Integer[]::new);
        if (selection == Selection.RANDOM) {
            int[] p = DataTransforms.permutation(subset.length, rng);
            order = Arrays.stream(p).boxed().toArray(Integer[]::new);
        } else {
            double[] m = Margins.raw(net, all, subset);
            Comparator<Integer> byMargin = Comparator.comparingDouble(i -> m[i]);
            Arrays.sort(order, selection == Selection.LOW_MARGIN ? byMargin : byMargin.reversed());
        }
        int[] out = new int[keep];
        for (int i = 0; i < keep; i++) {
            out[i] = subset[order[i]];
        }
        Arrays.sort(out);
        return out;
    }

    private static Epoch trainEpoch(Network net, Optimizer optimizer, GradientOracle oracle, TrainConfig config, DeviceData train,
                                    DeviceData test, int[] subset, Loss loss, long seed, int epoch, long[] step) {
        int[] order = DataTransforms.permutation(subset.length, Seeds.random(seed, "prune-order", epoch));
        int batch = Math.min(config.batch(), subset.length);
        for (int from = 0; from + batch <= subset.length; from += batch) {
            long[] idx = new long[batch];
            for (int i = 0; i < batch; i++) {
                idx[i] = subset[order[from + i]];
            }
            try (NDScope scope = new NDScope()) {
                oracle.atStep(step[0]++);
                optimizer.step(net.parameterList(), train.gather(idx), oracle, config.lr());
            }
        }
        double[] m = Margins.raw(net, train, subset);
        long correct = Arrays.stream(m).filter(v -> v > 0).count();
        return new Epoch(epoch, (double) subset.length / train.size(), (double) correct / subset.length,
                Evaluation.of(net, test, loss).accuracy());
    }
}
