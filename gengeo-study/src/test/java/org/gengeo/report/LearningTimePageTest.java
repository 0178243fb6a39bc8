package org.gengeo.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gengeo.train.LearningTimes;
import org.junit.jupiter.api.Test;

class LearningTimePageTest {
    @Test
    void countsExamplesPerEpochWithNeverLast() {
        assertArrayEquals(new double[] {2, 0, 1, 1}, LearningTimePage.counts(new int[] {0, -1, 2, 0}, 2), 0);
        String html = LearningTimePage.page("r", new LearningTimes.Times(new int[] {0, 1, -1}, new int[] {0, 1, -1}), 2).toHtml();
        assertTrue(html.contains("<div class=\"plot\"") && html.contains("first correct") && html.contains("last turned correct"));
        assertTrue(html.contains("\"never\"") && !html.contains("-1: never"), "never-learnt examples are a bar of their own");
    }
}
