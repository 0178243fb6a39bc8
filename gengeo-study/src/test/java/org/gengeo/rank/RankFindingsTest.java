package org.gengeo.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Verdict;
import org.gengeo.stats.Correlations;
import org.junit.jupiter.api.Test;

/** Zoo findings: only the measures with a stated sign, tau over the models, bootstrap over models. */
class RankFindingsTest {
    @Test
    void signsOfThePaperAreJudgedOverTheModels() {
        List<String> header = List.of("id", "lr", "outcome", "train_acc", "test_acc", "gap_acc", "gap_loss", "path-norm", "log-prod-spectral",
                "frobenius-norm");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double gap = 0.01 * i;
            rows.add(List.of("m" + i, i % 2 == 0 ? "0.1" : "0.01", "completed", "1", Double.toString(1 - gap), Double.toString(gap), "0",
                    Double.toString(gap + 0.05 * Math.sin(i)), Double.toString(gap + 0.3 * Math.cos(7 * i)), "1"));
        }
        Ranking r = Ranking.of(new CsvFile(header, rows), "t.csv", "gap_acc", "test");
        List<Finding> f = RankFindings.of(r, RankFindings.setting(r));
        assertEquals(List.of("tau-path-norm", "tau-log-prod-spectral"), f.stream().map(Finding::id).toList(), "frobenius-norm has no stated sign");
        Finding path = f.get(0);
        assertEquals(r.measures().get(0).kendallTau(), path.measured(), 1e-12);
        assertEquals(Verdict.REPRODUCED, path.verdict(), path.toString());
        assertEquals("40 models", path.unit());
        double tauSpec = Correlations.kendallTau(r.measures().get(1).values(), r.measures().get(1).gaps());
        assertTrue(tauSpec > 0, "this zoo's spectral product rises with the gap");
        assertTrue(f.get(1).verdict() == Verdict.CONTRADICTED || f.get(1).verdict() == Verdict.NOT_REPRODUCED, f.get(1).toString());
        assertTrue(path.setting().startsWith("t.csv: 40 models (left out: 0 diverged), factors varied: lr;"), path.setting());
        assertEquals(r.measures().get(0).kendallTauInterval().low(), path.ci()[0], 1e-15, "the interval is the ranking's");
    }

    /** The sharpness measures are judged on the granulated coefficient too, with the ranking's interval over models. */
    @Test
    void sharpnessIsJudgedOnTheGranulatedCoefficient() {
        List<String> header = List.of("id", "lr", "batch", "outcome", "train_acc", "test_acc", "gap_acc", "gap_loss", "pacbayes-sharpness");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double gap = 0.01 * i;
            rows.add(List.of("m" + i, i % 2 == 0 ? "0.1" : "0.01", i % 3 == 0 ? "32" : "128", "completed", "1", Double.toString(1 - gap),
                    Double.toString(gap), "0", Double.toString(gap + 0.02 * Math.sin(i))));
        }
        Ranking r = Ranking.of(new CsvFile(header, rows), "t.csv", "gap_acc", "test");
        List<Finding> f = RankFindings.of(r, RankFindings.setting(r));
        assertEquals(List.of("tau-pacbayes-sharpness", "granulated-pacbayes-sharpness"), f.stream().map(Finding::id).toList());
        Finding g = f.get(1);
        Ranking.MeasureRank m = r.measures().get(0);
        assertEquals(m.granulated(), g.measured(), 1e-15);
        assertEquals(m.granulatedInterval().low(), g.ci()[0], 1e-15);
        assertEquals(m.granulatedInterval().high(), g.ci()[1], 1e-15);
        assertEquals(Verdict.REPRODUCED, g.verdict(), g.toString());
    }
}
