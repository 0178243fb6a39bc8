package org.gengeo.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gengeo.train.LearningTimes;
import org.junit.jupiter.api.Test;

class LearningTimePageTest {
    @Test
    void countsExamplesPerEpochWithNeverAtMinusOne() {
        assertArrayEquals(new double[] {1, 2, 0, 1}, LearningTimePage.counts(new int[] {0, -1, 2, 0}, 2), 0);
        String html = LearningTimePage.html("r", new LearningTimes.Times(new int[] {0, 1, -1}, new int[] {0, 1, -1}), 2);
        assertTrue(html.contains("<svg") && html.contains("first correct") && html.contains("last turned correct"));
    }
}
