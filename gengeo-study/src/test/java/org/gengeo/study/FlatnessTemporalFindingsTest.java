package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Verdict;
import org.junit.jupiter.api.Test;

/** The temporal findings on hand-made series whose landmarks give each quantity in closed form. */
class FlatnessTemporalFindingsTest {
    /**
     * Seed k: log10 P(f) -10 at initialisation, -50 at the fit, -50 - (1 + k) after the post phase (ratio (1 + k) / 50);
     * sharpness 10^(-j / 10) at post-fit measurement j = 0..10, so the last five average 10^-0.8 and the first five
     * 10^-0.2 (difference -0.6); alpha-scaling multiplies sharpness by 100 (+2 decades) and keeps P(f).
     */
    @Test
    void eachQuantityIsItsClosedForm() {
        List<TemporalPoint> points = new ArrayList<>();
        Map<Integer, Integer> fitEpochs = new LinkedHashMap<>();
        for (int k = 0; k < 3; k++) {
            fitEpochs.put(k, 20);
            points.add(new TemporalPoint(k, "fit", 0, -20, 0.7, 0.5, 0.5, -10, 3, "00"));
            points.add(new TemporalPoint(k, "fit", 20, 0, 0.1, 1, 0.8, -50, 1, "01"));
            for (int j = 1; j <= 10; j++) {
                points.add(new TemporalPoint(k, "post", 20 + j, j, 0.1, 1, 0.8, j == 10 ? -51 - k : -50, Math.pow(10, -j / 10.0), "01"));
            }
            points.add(new TemporalPoint(k, "rescaled", 30, 10, 0.1, 1, 0.8, -51 - k, 100 * Math.pow(10, -1), "01"));
            points.add(new TemporalPoint(k, "rescaled", 40, 20, 0.1, 1, 0.8, -51 - k, 1, "01"));
        }
        FlatnessTemporalOptions o = new FlatnessTemporalOptions("d", null, 2, 1, 3, "mlp:2-1", 0.01, 1, 100, 20, 10, 5.9, 1e-4, 1, 1, 1);
        Map<String, Finding> f = new LinkedHashMap<>();
        FlatnessTemporalFindings.check(o, points, fitEpochs, List.of(), "test").forEach(x -> f.put(x.id(), x));
        assertEquals((1 + 2 + 3) / 3.0 / 50, f.get("temporal-pf-settles").measured(), 1e-12);
        assertEquals(Verdict.REPRODUCED, f.get("temporal-pf-settles").verdict(), "every seed's ratio is below 0.1");
        assertEquals(1 / 50.0, f.get("temporal-pf-settles").ci()[0], 1e-12);
        assertEquals(3 / 50.0, f.get("temporal-pf-settles").ci()[1], 1e-12);
        assertEquals(-0.6, f.get("temporal-sharpness-falls").measured(), 1e-12);
        assertEquals(Verdict.REPRODUCED, f.get("temporal-sharpness-falls").verdict());
        assertEquals(2, f.get("temporal-rescale-sharpness").measured(), 1e-12);
        assertEquals(0, f.get("temporal-rescale-pf").measured());
        assertEquals(Verdict.REPRODUCED, f.get("temporal-rescale-pf").verdict());
    }

    @Test
    void oneSeedGivesNoInterval() {
        List<TemporalPoint> points = List.of(new TemporalPoint(0, "fit", 0, -1, 0.7, 0.5, 0.5, -10, 3, "0"),
                new TemporalPoint(0, "fit", 1, 0, 0.1, 1, 0.8, -20, 2, "1"), new TemporalPoint(0, "post", 2, 1, 0.1, 1, 0.8, -20, 1, "1"),
                new TemporalPoint(0, "rescaled", 2, 1, 0.1, 1, 0.8, -20, 5, "1"), new TemporalPoint(0, "rescaled", 3, 2, 0.1, 1, 0.8, -20, 4, "1"));
        FlatnessTemporalOptions o = new FlatnessTemporalOptions("d", null, 2, 1, 1, "mlp:2-1", 0.01, 1, 100, 2, 1, 5.9, 1e-4, 1, 1, 1);
        Finding falls = FlatnessTemporalFindings.check(o, points, Map.of(0, 1), List.of(), "test").get(1);
        assertEquals(null, falls.ci());
        assertEquals(Verdict.PARTLY, falls.verdict(), "log10(1) - log10(2) < 0 on one seed: at most partly");
    }

    @Test
    void impossibleSettingsAreRefused() {
        FlatnessTemporalOptions q = FlatnessTemporalOptions.quick(1);
        assertThrows(GengeoException.class, () -> new FlatnessTemporalOptions(q.data(), null, 10, 10, 1, q.model(), 0.01, 8, 10, 10, 0,
                5.9, 1e-4, 5, 1, 1).validate());
        assertThrows(GengeoException.class, () -> new FlatnessTemporalOptions(q.data(), null, 10, 10, 1, q.model(), 0.01, 8, 10, 10, 5,
                5.9, 1e-4, 5, 0, 1).validate());
    }
}
