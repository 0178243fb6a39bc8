package org.gengeo.duality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;

/** The blocked same-class search against a plain double loop. */
class SameClassNeighboursTest {
    @Test
    void blockedSearchFindsTheSameNeighboursAsADoubleLoop() {
        TensorEngine.ensureStarted();
        Dataset refs = RandomData.gaussian(900, 17, 4, 1);
        Dataset queries = RandomData.gaussian(250, 17, 4, 2);
        Pairs fast = SameClassNeighbours.nearest(queries.features(), queries.labels(), refs.features(), refs.labels(), 17, 1);
        Pairs slow = SameClassNeighbours.bruteForce(queries.features(), queries.labels(), refs.features(), refs.labels(), 17);
        assertArrayEquals(slow.train(), fast.train());
        assertArrayEquals(slow.distance(), fast.distance(), 1e-12);
        for (int p = 0; p < fast.size(); p++) {
            assertEquals(queries.labels()[fast.test()[p]], refs.labels()[fast.train()[p]]);
        }
    }

    @Test
    void kNearestAreTheKSmallestDistancesInOrder() {
        TensorEngine.ensureStarted();
        int d = 9;
        Dataset refs = RandomData.gaussian(300, d, 3, 3);
        Dataset queries = RandomData.gaussian(40, d, 3, 4);
        int k = 4;
        Pairs fast = SameClassNeighbours.nearest(queries.features(), queries.labels(), refs.features(), refs.labels(), d, k);
        assertEquals(40 * k, fast.size());
        for (int q = 0; q < 40; q++) {
            int query = q;
            double[] all = IntStream.range(0, 300).filter(r -> refs.labels()[r] == queries.labels()[query])
                    .mapToDouble(r -> distance(queries.features(), query, refs.features(), r, d)).sorted().toArray();
            for (int j = 0; j < k; j++) {
                assertEquals(q, fast.test()[q * k + j]);
                assertEquals(all[j], fast.distance()[q * k + j], 1e-12);
            }
        }
        Pairs every = SameClassNeighbours.allSameClass(queries.labels(), refs.labels());
        long expected = IntStream.range(0, 40).mapToLong(q -> Arrays.stream(refs.labels()).filter(y -> y == queries.labels()[q]).count()).sum();
        assertEquals(expected, every.size());
        assertTrue(IntStream.range(0, every.size()).allMatch(p -> queries.labels()[every.test()[p]] == refs.labels()[every.train()[p]]));
    }

    private static double distance(float[] a, int i, float[] b, int j, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double e = (double) a[i * d + t] - b[j * d + t];
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
