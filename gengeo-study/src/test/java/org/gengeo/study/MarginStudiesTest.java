package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The subset overlap against a set-based count. */
class MarginStudiesTest {
    @Test
    void intersectionOfSortedSubsetsMatchesASetCount() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            int[] a = IntStream.range(0, 200).filter(i -> rng.nextDouble() < 0.3).toArray();
            int[] b = IntStream.range(0, 200).filter(i -> rng.nextDouble() < 0.4).toArray();
            Set<Integer> s = new HashSet<>();
            for (int i : a) {
                s.add(i);
            }
            long expected = IntStream.of(b).filter(s::contains).count();
            assertEquals(expected, MarginStudies.intersection(a, b));
        }
    }
}
