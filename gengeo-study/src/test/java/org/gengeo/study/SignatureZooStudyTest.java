package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The signature regression's feature sets: which columns each takes, when it is skipped, and an exactly linear gap. */
class SignatureZooStudyTest {
    private static final List<String> STATS = List.of("lower_fence", "q1", "median", "q3", "upper_fence");

    /** n models with random features on layers fc0 and fc1 and gap = 0.3 + 0.1 fc0.log_median - 0.05 fc1.log_median. */
    static List<SignatureZooStudy.Model> zoo(int n) {
        SplittableRandom rng = new SplittableRandom(3);
        List<SignatureZooStudy.Model> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> f = new LinkedHashMap<>();
            for (String layer : List.of("fc0", "fc1")) {
                for (String s : STATS) {
                    f.put(layer + ".log_" + s, rng.nextGaussian());
                }
            }
            double gap = 0.3 + 0.1 * f.get("fc0.log_median") - 0.05 * f.get("fc1.log_median");
            out.add(new SignatureZooStudy.Model("m" + i, Map.of(), 1, 1 - gap, gap, f));
        }
        return out;
    }

    @Test
    void eachFeatureSetTakesItsStatisticsOfEveryLayerAndTooSmallZoosAreSkipped() {
        List<SignatureZooStudy.Fit> fits = SignatureZooStudy.fits(zoo(12), 4);
        assertEquals(List.of("fences and quartiles", "quartiles", "median"), fits.stream().map(SignatureZooStudy.Fit::featureSet).toList());
        assertEquals(10, fits.get(0).features().size());
        assertNull(fits.get(0).fit());
        assertTrue(fits.get(0).skipped().contains("need p + 3"), fits.get(0).skipped());
        assertEquals(List.of("fc0.log_q1", "fc0.log_median", "fc0.log_q3", "fc1.log_q1", "fc1.log_median", "fc1.log_q3"),
                fits.get(1).features());
        assertEquals(List.of("fc0.log_median", "fc1.log_median"), fits.get(2).features());
    }

    @Test
    void aGapThatIsLinearInTheMediansIsRecoveredInSampleAndOutOfFold() {
        List<SignatureZooStudy.Fit> fits = SignatureZooStudy.fits(zoo(20), 5);
        for (SignatureZooStudy.Fit f : fits) {
            assertNotNull(f.fit(), f.featureSet());
            assertEquals(1, f.fit().r2(), 1e-10);
            assertEquals(1, f.fit().cvR2(), 1e-10);
        }
        double[] c = fits.get(2).fit().coefficients();
        assertEquals(0.3, c[0], 1e-10);
        assertEquals(0.1, c[1], 1e-10);
        assertEquals(-0.05, c[2], 1e-10);
    }
}
