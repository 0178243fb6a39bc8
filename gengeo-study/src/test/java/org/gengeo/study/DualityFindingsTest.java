package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.Provenance;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Verdict;
import org.gengeo.stats.Correlations;
import org.gengeo.train.TrainConfig;
import org.junit.jupiter.api.Test;

/** The duality findings on hand-made runs: the gap's Spearman over runs that reached the loss, the others listed and left out. */
class DualityFindingsTest {
    private static DualityStudy.RunSummary run(double value, long seed, String outcome, double gap, double testError) {
        return new DualityStudy.RunSummary(value, seed, "d", outcome, 100, 1e-3, gap, testError, gap, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void gapRisingWithBatchSizeIsReproducedAndUnfinishedRunsAreLeftOut() {
        double[] values = {25, 100, 400};
        List<DualityStudy.RunSummary> runs = new ArrayList<>();
        for (long seed = 0; seed < 5; seed++) {
            for (int i = 0; i < values.length; i++) {
                runs.add(run(values[i], seed, "reached-train-loss", 0.1 * i + 0.01 * seed, 0.2 - 0.01 * i + 0.02 * seed));
            }
        }
        runs.add(run(400, 5, "completed", -5, 0.9));
        TrainConfig base = TrainConfig.defaults().with(Map.of("until-train-loss", 1e-3, "epochs", 1000));
        DualityStudy.StudyResult r = new DualityStudy.StudyResult(new Provenance("0", "c", "e", "j", 1, "cmd", "t"), "duality", "batch", "batch",
                values, "quick", base, 5, "fc1", runs, List.of(), List.of(), Map.of(), 1);
        List<Finding> f = DualityFindings.of(r);
        assertEquals(2, f.size());
        Finding gap = f.get(0);
        double[] x = runs.subList(0, 15).stream().mapToDouble(DualityStudy.RunSummary::value).toArray();
        double[] y = runs.subList(0, 15).stream().mapToDouble(DualityStudy.RunSummary::generalizationLoss).toArray();
        assertEquals(Correlations.spearman(x, y), gap.measured(), 1e-12, "the completed-but-not-converged run is not mixed in");
        assertEquals(Verdict.REPRODUCED, gap.verdict());
        assertEquals("15 runs", gap.unit());
        assertTrue(gap.setting().contains("15 of 16 runs reached it; left out: batch=400 seed 5 (completed after 100 epochs"), gap.setting());
        assertTrue(gap.setting().contains("the paper: MNIST, 4,000 training") && gap.setting().contains("batch [25, 100, 200, 400], 10 seeds"),
                "the setting names the paper's protocol beside what ran: " + gap.setting());
        assertTrue(f.get(1).measured() < 0.5, "test error falls with batch in these runs: " + f.get(1));
    }

    @Test
    void aFactorWithoutAPaperDirectionHasNoFinding() {
        DualityStudy.StudyResult r = new DualityStudy.StudyResult(new Provenance("0", "c", "e", "j", 1, "cmd", "t"), "duality", "decentralised",
                "topology", new double[] {0, 1}, "quick", TrainConfig.defaults(), 2, "fc1",
                List.of(run(0, 0, "reached-train-loss", 1, 1), run(1, 0, "reached-train-loss", 2, 1), run(1, 1, "reached-train-loss", 3, 1)),
                List.of(), List.of(), Map.of(), 1);
        assertTrue(DualityFindings.of(r).isEmpty());
    }
}
