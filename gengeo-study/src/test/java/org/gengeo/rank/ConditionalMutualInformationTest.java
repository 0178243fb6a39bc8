package org.gengeo.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The normalised conditional mutual information on cases with a closed form: when V_g equals V_mu
 * flipped with probability q inside every conditioning group, and both signs are equally likely,
 * I~ = 1 - h2(q) with h2 the binary entropy in bits.
 */
class ConditionalMutualInformationTest {
    private static double h2(double q) {
        return -(q * Math.log(q) + (1 - q) * Math.log(1 - q)) / Math.log(2);
    }

    @Test
    void threeModelsWithOneSwappedPair() {
        // measure 1, 2, 3 against gap 1, 3, 2: of the six ordered pairs, two disagree in sign (q = 1/3).
        var r = ConditionalMutualInformation.of(Map.of(), new double[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(1 - h2(1.0 / 3), r.unconditional(), 1e-12);
        assertEquals(6, r.pairs());
        assertTrue(Double.isNaN(r.minOne()) && Double.isNaN(r.minTwo()), "no factor to condition on");
    }

    @Test
    void conditioningOnTheConfoundingFactorRecoversADeterministicRelation() {
        // gap = B + 10 A, measure = B - 10 A: the same-A pairs agree in sign, the different-A pairs disagree.
        String[] a = {"0", "0", "0", "1", "1", "1"};
        String[] b = {"1", "2", "3", "1", "2", "3"};
        String[] c = {"x", "x", "x", "y", "y", "y"}; // A under another name
        double[] gap = new double[6];
        double[] measure = new double[6];
        for (int i = 0; i < 6; i++) {
            gap[i] = Double.parseDouble(b[i]) + 10 * Double.parseDouble(a[i]);
            measure[i] = Double.parseDouble(b[i]) - 10 * Double.parseDouble(a[i]);
        }
        Map<String, String[]> factors = new LinkedHashMap<>();
        factors.put("A", a);
        factors.put("B", b);
        factors.put("C", c);
        var r = ConditionalMutualInformation.of(factors, measure, gap);
        // 30 ordered pairs: 12 same-A (agree) and 18 different-A (disagree): q = 0.4 without conditioning.
        assertEquals(30, r.pairs());
        assertEquals(1 - h2(0.4), r.unconditional(), 1e-12);
        assertEquals(1.0, r.perFactor().get("A"), 1e-12, "inside each (A, A') group the signs agree always or never");
        assertEquals(1.0, r.perFactor().get("C"), 1e-12);
        // Conditioning on B: the 3 groups with B = B' hold one different-A pair each way (2 ordered pairs, signs always
        // disagree: I = H = log 2). The 6 groups with B != B' hold 4 pairs: two same-A pairs that agree in the common
        // direction, and two different-A pairs, one disagreeing each way, so the joint (V_mu, V_g) is (1/2, 1/4, 1/4, 0)
        // with marginals (3/4, 1/4): I = 1/2 ln(32/27), H = h(1/4) in nats.
        double hQuarter = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        double expectedB = (6.0 / 30 * Math.log(2) + 24.0 / 30 * 0.5 * Math.log(32.0 / 27))
                / (6.0 / 30 * Math.log(2) + 24.0 / 30 * hQuarter);
        assertEquals(expectedB, r.perFactor().get("B"), 1e-12);
        assertEquals(expectedB, r.minOne(), 1e-12);
        // |S| = 2: {A, C} is {A} again (1); {A, B} and {B, C} leave one ordered pair per group, so V_g is determined
        // and I~ is undefined; the minimum is over the defined ones.
        assertEquals(1.0, r.minTwo(), 1e-12);
    }

    @Test
    void aMeasureEqualToTheGapScoresOneEverywhere() {
        double[] gap = {0.3, 0.1, 0.7, 0.2, 0.9, 0.5, 0.4, 0.8};
        Map<String, String[]> factors = new LinkedHashMap<>();
        factors.put("A", new String[] {"0", "1", "0", "1", "0", "1", "0", "1"});
        factors.put("B", new String[] {"0", "0", "1", "1", "0", "0", "1", "1"});
        factors.put("C", new String[] {"0", "0", "0", "0", "1", "1", "1", "1"});
        var r = ConditionalMutualInformation.of(factors, gap.clone(), gap);
        assertEquals(1.0, r.unconditional(), 1e-12);
        assertEquals(1.0, r.minOne(), 1e-12);
        assertEquals(1.0, r.minTwo(), 1e-12);
    }
}
