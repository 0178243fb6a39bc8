package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.Dataset;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Verdict;
import org.junit.jupiter.api.Test;

/** The held-out P(f) control: E split into disjoint halves, and its finding ranking held-out P(f) against the other half's accuracy. */
class FlatnessHeldOutTest {
    @Test
    void theHalvesOfEAreDisjointAndCoverIt() {
        float[] x = new float[7];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Dataset e = new Dataset("e", new int[] {1}, x, new int[] {0, 1, 0, 1, 0, 1, 0}, 2);
        Dataset[] h = FlatnessStudy.halves(e);
        assertEquals(List.of(0f, 1f, 2f), floats(h[0]));
        assertEquals(List.of(3f, 4f, 5f, 6f), floats(h[1]));
        assertEquals(List.of(1, 0, 1, 0), Arrays.stream(h[1].labels()).boxed().toList());
        assertThrows(GengeoException.class, () -> FlatnessStudy.halves(new Dataset("one", new int[] {1}, new float[] {0}, new int[] {0}, 2)));
    }

    /**
     * Five networks whose held-out P(f) rises with the held-out half's accuracy while the full test
     * accuracy falls: the control's tau is +1 on every resample (interval [1, 1], reproduced), so it
     * reads the held-out columns, not test accuracy.
     */
    @Test
    void theControlRanksHeldOutPfAgainstTheOtherHalfsAccuracy() {
        List<FlatnessRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(new FlatnessRow("sgd", 0, i, "run" + i, 10, 1.0, 0.9 - 0.01 * i, -10 - i, -10 - i, 5, 1, 2, 1, 2, 1, 2, 1, 2, 1, 0,
                    "S", 0.6 + 0.05 * i, -20.0 + i, "S"));
        }
        FlatnessStudyOptions o = FlatnessStudyOptions.quick(1);
        Finding f = FlatnessFindings.check(o, rows, "test").stream().filter(x -> x.id().equals("sgd-tau-pf-held-out")).findFirst().orElseThrow();
        assertEquals(1, f.measured(), 1e-12);
        assertEquals(1, f.ci()[0], 1e-12);
        assertEquals(1, f.ci()[1], 1e-12);
        assertEquals(Verdict.REPRODUCED, f.verdict());
        Finding pf = FlatnessFindings.check(o, rows, "test").stream().filter(x -> x.id().equals("sgd-tau-pf")).findFirst().orElseThrow();
        assertEquals(1, pf.measured(), 1e-12, "the paper's finding: log10 P(f) and test accuracy both fall");
    }

    private static List<Float> floats(Dataset d) {
        List<Float> out = new ArrayList<>();
        for (float v : d.features()) {
            out.add(v);
        }
        return out;
    }
}
