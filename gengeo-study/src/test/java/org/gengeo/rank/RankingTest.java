package org.gengeo.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The granulated Kendall coefficient on a hand-computed example, the ranking of a sweep table, and the
 * bootstrap intervals of tau, Psi and the CMI where their values are known for every resample.
 */
class RankingTest {
    /*
     * Factor A in {a1, a2}, factor B in {b1, b2, b3}; (measure, gap) per model:
     *         b1      b2      b3
     *   a1  (1, 1)  (3, 5)  (5, 3)
     *   a2  (2, 2)  (4, 4)  (6, 6)
     * Varying A inside each column: concordant, discordant, concordant -> psi_A = (1 - 1 + 1) / 3 = 1/3.
     * Varying B inside row a1: pairs (1,3) c, (1,5) c, (3,5) d -> tau = 1/3; row a2: tau = 1 -> psi_B = 2/3.
     * Psi = (1/3 + 2/3) / 2 = 1/2.
     */
    static final String[] A = {"a1", "a2", "a1", "a2", "a1", "a2"};
    static final String[] B = {"b1", "b1", "b2", "b2", "b3", "b3"};
    static final double[] MEASURE = {1, 2, 3, 4, 5, 6};
    static final double[] GAP = {1, 2, 5, 4, 3, 6};

    @Test
    void granulatedKendallOfAHandComputedGrid() {
        Map<String, String[]> factors = new LinkedHashMap<>();
        factors.put("A", A);
        factors.put("B", B);
        GranulatedKendall.Result r = GranulatedKendall.of(factors, MEASURE, GAP);
        assertEquals(1.0 / 3, r.factors().get("A").mean(), 1e-15);
        assertEquals(3, r.factors().get("A").groups());
        assertEquals(2.0 / 3, r.factors().get("B").mean(), 1e-15);
        assertEquals(2, r.factors().get("B").groups());
        assertEquals(0.5, r.overall(), 1e-15);
    }

    @Test
    void ranksASweepTableLeavingOutDivergedAndMissingValues(@TempDir Path tmp) throws Exception {
        StringBuilder csv = new StringBuilder("id,A,B,fixed,outcome,steps,train_loss,train_acc,test_loss,test_acc,gap_acc,gap_loss,m,noisy\n");
        for (int i = 0; i < 6; i++) {
            // gap_acc = train_acc - test_acc = GAP[i] / 10
            csv.append(String.format(java.util.Locale.ROOT, "id%d,%s,%s,\"x, y\",completed,10,0.1,0.9,0.2,%s,%s,0.1,%s,%s%n", i, A[i], B[i],
                    0.9 - GAP[i] / 10, GAP[i] / 10, MEASURE[i], i == 2 ? "NaN" : Double.toString(-MEASURE[i])));
        }
        csv.append("id9,a1,b1,\"x, y\",diverged,3,NaN,0.1,NaN,0.1,0,NaN,100,100\n");
        Path file = tmp.resolve("results.csv");
        Files.writeString(file, csv);
        Ranking r = Ranking.of(file, "gap_acc", null, "test");
        assertEquals(6, r.models());
        assertEquals(1, r.diverged());
        assertEquals(List.of("A", "B"), r.factors(), "the constant column is not a factor");
        Ranking.MeasureRank m = r.measures().get(0);
        assertEquals("m", m.measure());
        assertEquals(0.5, m.granulated(), 1e-12);
        // tau over all six: 15 pairs; discordant (3,5)-(5,3), (3,5)-(4,4), (5,3)-(4,4): (12 - 3) / 15
        assertEquals(9.0 / 15, m.kendallTau(), 1e-12);
        Ranking.MeasureRank noisy = r.measures().get(1);
        assertEquals(5, noisy.models(), "the NaN value is left out");
        assertTrue(noisy.kendallTau() < 0);
        String page = RankPage.page(r).toHtml();
        assertEquals(2, page.split("<div class=\"plot\"", -1).length - 1, "one scatter plot per measure");
        assertEquals(List.of("id0", "id1", "id2", "id3", "id4", "id5"), List.of(m.ids()), "each point names its model");
        assertEquals(List.of(A), List.of(m.levels().get("A")), "and its factors");
        assertEquals(List.of("id0", "id1", "id3", "id4", "id5"), List.of(noisy.ids()), "the model with NaN is not plotted");
        assertTrue(RankPage.table(r).toCsv().startsWith("measure,kendall_tau,kendall_tau_low,kendall_tau_high,models,granulated,"
                + "granulated_low,granulated_high,psi_A,psi_B,cmi,cmi_min_1,cmi_min_2,cmi_min_2_low,cmi_min_2_high\nm,0.6,"), RankPage.table(r).toCsv());
        assertEquals(ConditionalMutualInformation.of(Map.of("A", A, "B", B), MEASURE, GAP).unconditional(),
                m.mutualInformation().unconditional(), 1e-15, "the ranking scores the models it uses");
        assertThrows(GengeoException.class, () -> Ranking.of(file, "test_acc", null, "test"));
        assertThrows(GengeoException.class, () -> Ranking.of(file, "gap_x", null, "test"));
    }

    @Test
    void aRequiredOutcomeRanksOnlyTheModelsThatReachedIt(@TempDir Path tmp) throws Exception {
        StringBuilder csv = new StringBuilder("id,A,B,outcome,steps,train_loss,train_acc,test_loss,test_acc,gap_acc,gap_loss,m\n");
        for (int i = 0; i < 6; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "id%d,%s,%s,reached-train-loss,10,0.01,1.0,0.2,%s,%s,0.2,%s%n", i, A[i], B[i],
                    1.0 - GAP[i] / 10, GAP[i] / 10, MEASURE[i]));
        }
        // two models stopped by the epoch cap, with values that would turn tau negative if they counted
        csv.append("id7,a1,b1,completed,300,0.5,0.8,0.6,0.0,0.8,0.1,-50\n");
        csv.append("id8,a2,b2,completed,300,0.5,0.8,0.6,0.7,0.1,0.1,50\n");
        Path file = tmp.resolve("results.csv");
        Files.writeString(file, csv);
        Ranking all = Ranking.of(file, "gap_acc", null, "test");
        Ranking reached = Ranking.of(file, "gap_acc", "reached-train-loss", "test");
        assertEquals(8, all.models());
        assertEquals(6, reached.models());
        assertEquals(2, reached.otherOutcome());
        assertEquals("0 diverged, 2 without outcome reached-train-loss", reached.leftOut());
        assertEquals(9.0 / 15, reached.measures().get(0).kendallTau(), 1e-12, "the six models of the hand-computed grid");
        assertTrue(all.measures().get(0).kendallTau() < reached.measures().get(0).kendallTau());
        GengeoException none = assertThrows(GengeoException.class, () -> Ranking.of(file, "gap_acc", "reached-train-acc", "test"));
        assertTrue(none.getMessage().contains("[completed, reached-train-loss]"), none.getMessage());
    }

    /**
     * A measure equal to the gap is concordant with it on every resample of the models (a model drawn
     * twice ties in both, which tau-b and the CMI's pairs leave out), so tau, Psi and the CMI score are 1
     * on each and their intervals are [1, 1]; the negated measure gives tau and Psi of -1 and still a CMI
     * of 1 (its sign determines the gap's). A noisy measure's intervals contain its estimates, lie in
     * [-1, 1], and are the same when computed again (seeded).
     */
    @Test
    void intervalsOverModelsAreExactWhereEveryResampleIsKnown(@TempDir Path tmp) throws Exception {
        StringBuilder csv = new StringBuilder("id,A,B,outcome,steps,train_loss,train_acc,test_loss,test_acc,gap_acc,gap_loss,same,negated,noisy\n");
        for (int i = 0; i < 24; i++) {
            double gap = 0.01 * ((i * 7) % 24) + 0.001 * i;
            csv.append(String.format(java.util.Locale.ROOT, "id%d,a%d,b%d,completed,10,0.01,1.0,0.2,%s,%s,0.2,%s,%s,%s%n", i, i % 2, i % 3,
                    1 - gap, gap, gap, -gap, gap + 0.1 * Math.sin(3.0 * i)));
        }
        Path file = tmp.resolve("results.csv");
        Files.writeString(file, csv);
        Ranking r = Ranking.of(file, "gap_acc", null, "test");
        Ranking.MeasureRank same = r.measures().get(0);
        Ranking.MeasureRank negated = r.measures().get(1);
        for (var ci : List.of(same.kendallTauInterval(), same.granulatedInterval(), same.mutualInformationInterval(),
                negated.mutualInformationInterval())) {
            assertEquals(1, ci.low(), 1e-12, ci.toString());
            assertEquals(1, ci.high(), 1e-12, ci.toString());
            assertEquals(24, ci.units());
        }
        for (var ci : List.of(negated.kendallTauInterval(), negated.granulatedInterval())) {
            assertEquals(-1, ci.low(), 1e-12, ci.toString());
            assertEquals(-1, ci.high(), 1e-12, ci.toString());
        }
        Ranking.MeasureRank noisy = r.measures().get(2);
        Ranking again = Ranking.of(file, "gap_acc", null, "test");
        for (var ci : List.of(noisy.kendallTauInterval(), noisy.granulatedInterval(), noisy.mutualInformationInterval())) {
            assertTrue(ci.low() < ci.estimate() && ci.estimate() < ci.high(), ci.toString());
            assertTrue(ci.low() >= -1 && ci.high() <= 1, ci.toString());
        }
        assertEquals(noisy.granulated(), noisy.granulatedInterval().estimate(), 1e-15);
        assertEquals(noisy.mutualInformation().minTwo(), noisy.mutualInformationInterval().estimate(), 1e-15);
        assertEquals(noisy.granulatedInterval(), again.measures().get(2).granulatedInterval());
        assertEquals(noisy.mutualInformationInterval(), again.measures().get(2).mutualInformationInterval());
    }
}
