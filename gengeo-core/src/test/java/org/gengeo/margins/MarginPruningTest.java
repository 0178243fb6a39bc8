package org.gengeo.margins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.train.TrainConfig;
import org.junit.jupiter.api.Test;

/** The reduction rule against sorted margins, and the schedule's subset sizes. */
class MarginPruningTest {
    @Test
    void lowAndHighMarginSelectionsSplitTheSubsetAtTheRightOrderStatistic() {
        TensorEngine.ensureStarted();
        Dataset d = RandomData.gaussian(50, 4, 3, 1);
        try (Network net = Network.initialise(Architecture.parse("mlp:4-6-3"), Activation.TANH, 0, Init.parse("torch"), 3, Precision.FLOAT64);
             NDManager m = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(d, m, Precision.FLOAT64);
            int[] subset = {1, 4, 5, 9, 12, 20, 33, 34, 40, 49};
            double[] all = Margins.raw(net, data);
            double[] sorted = Arrays.stream(subset).mapToDouble(i -> all[i]).sorted().toArray();
            SplittableRandom rng = new SplittableRandom(0);
            for (int i : MarginPruning.select(net, data, subset, 4, MarginPruning.Selection.LOW_MARGIN, rng)) {
                assertTrue(all[i] <= sorted[3], "kept " + i);
            }
            for (int i : MarginPruning.select(net, data, subset, 4, MarginPruning.Selection.HIGH_MARGIN, rng)) {
                assertTrue(all[i] >= sorted[6], "kept " + i);
            }
            int[] random = MarginPruning.select(net, data, subset, 4, MarginPruning.Selection.RANDOM, rng);
            assertEquals(4, Arrays.stream(random).distinct().filter(i -> Arrays.stream(subset).anyMatch(j -> j == i)).count());
        }
    }

    @Test
    void scheduleHalvesTheSubsetUntilTheFloor() {
        Dataset train = RandomData.gaussian(80, 4, 2, 2);
        Dataset test = RandomData.gaussian(40, 4, 2, 3);
        TrainConfig c = TrainConfig.defaults().with(Map.of("model", "mlp:4-16-2", "batch", 16, "lr", 0.05, "threads", 1));
        MarginPruning.Result r = MarginPruning.run(c, train, test, MarginPruning.Selection.LOW_MARGIN,
                new MarginPruning.Schedule(1, 0.5, 0.1, 3), 7);
        int[] sizes = r.subsets().stream().mapToInt(s -> s.length).toArray();
        assertSizes(new int[] {40, 20, 10, 5}, sizes);
        int before = r.epochs().size() - sizes.length;
        assertEquals(5.0 / 80, r.epochs().get(r.epochs().size() - 1).retained(), 0);
        assertTrue(before >= 1 && before <= 3);
    }

    private static void assertSizes(int[] expected, int[] actual) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }
}
