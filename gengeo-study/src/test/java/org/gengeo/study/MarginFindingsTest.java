package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.Dataset;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Verdict;
import org.gengeo.margins.MarginPruning;
import org.gengeo.margins.MarginSummary;
import org.gengeo.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The margin findings on hand-made runs (means of per-seed differences, overlap over chance by a set
 * count, Kendall tau by counting concordant pairs) and the pruning study's reuse of finished runs.
 */
class MarginFindingsTest {
    private static final MarginPruning.Schedule SCHEDULE = new MarginPruning.Schedule(2, 0.5, 0.01, 100);

    /** A run separated at epoch 3 with test accuracy {@code atSeparation} there and {@code last} at the end. */
    private static MarginPruning.Result run(MarginPruning.Selection sel, long seed, int separatedAt, double atSeparation, double last,
                                            List<int[]> subsets) {
        List<MarginPruning.Epoch> epochs = new ArrayList<>();
        for (int e = 1; e <= 5; e++) {
            double acc = e < 3 ? 0.5 : e == 3 ? atSeparation : e < 5 ? 0.6 : last;
            epochs.add(new MarginPruning.Epoch(e, e <= 3 ? 1 : 0.1, 1, acc));
        }
        return new MarginPruning.Result(sel, seed, separatedAt, epochs, subsets);
    }

    private static int[] randomSubset(SplittableRandom rng, int n, int k) {
        int[] all = IntStream.range(0, n).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return IntStream.of(all).limit(k).sorted().toArray();
    }

    @Test
    void pruningFindingsAreMeansOfPairedDifferencesAndAnUnseparatedSeedIsLeftOut() {
        int n = 100;
        SplittableRandom rng = new SplittableRandom(3);
        List<MarginPruning.Result> runs = new ArrayList<>();
        List<int[]> lowSubsets = new ArrayList<>();
        double[] drop = new double[5];
        double[] overRandom = new double[5];
        for (long seed = 0; seed < 6; seed++) {
            int[] low = randomSubset(rng, n, 10);
            double sep = 0.8 + 0.01 * seed;
            double lowLast = sep - 0.002 * seed;
            int separatedAt = seed == 5 ? -1 : 3;
            runs.add(run(MarginPruning.Selection.LOW_MARGIN, seed, separatedAt, sep, lowLast, List.of(randomSubset(rng, n, 50), low)));
            runs.add(run(MarginPruning.Selection.RANDOM, seed, separatedAt, sep, lowLast - 0.05 - 0.01 * seed, List.of()));
            runs.add(run(MarginPruning.Selection.HIGH_MARGIN, seed, separatedAt, sep, 0.3, List.of()));
            if (seed < 5) {
                lowSubsets.add(low);
                drop[(int) seed] = lowLast - sep;
                overRandom[(int) seed] = 0.05 + 0.01 * seed;
            }
        }
        MarginStudies.PruningStudy study = MarginStudies.overlaps(n, SCHEDULE, runs);
        List<Finding> f = MarginFindings.pruning(study, "hand-made");
        assertEquals(4, f.size());
        Finding noLoss = f.get(0);
        assertEquals(java.util.Arrays.stream(drop).average().orElseThrow(), noLoss.measured(), 1e-12);
        assertEquals("5 seeds", noLoss.unit());
        double sepMean = IntStream.range(0, 5).mapToDouble(i -> 0.8 + 0.01 * i).average().orElseThrow();
        assertTrue(noLoss.quantity().contains(String.format(java.util.Locale.ROOT, "mean test accuracy %.4f at separation", sepMean)),
                noLoss.quantity());
        assertEquals(Verdict.REPRODUCED, noLoss.verdict(), "a drop of at most 0.8 points is above -1 point: " + noLoss);
        assertTrue(noLoss.setting().endsWith("did not separate, left out: seed 5"), noLoss.setting());
        Finding random = f.get(1);
        assertEquals(java.util.Arrays.stream(overRandom).average().orElseThrow(), random.measured(), 1e-12);
        assertEquals(Verdict.REPRODUCED, random.verdict());
        assertTrue(f.get(2).ci()[0] > 0.4, "low minus keep-highest is at least 0.5 on every seed");
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < 5; a++) {
            for (int b = a + 1; b < 5; b++) {
                Set<Integer> s = new HashSet<>();
                IntStream.of(lowSubsets.get(a)).forEach(s::add);
                long common = IntStream.of(lowSubsets.get(b)).filter(s::contains).count();
                sum += (common / 10.0) / (10.0 / n);
                pairs++;
            }
        }
        Finding overlap = f.get(3);
        assertEquals("overlap-near-chance", overlap.id());
        assertEquals(sum / pairs, overlap.measured(), 1e-12);
        assertTrue(overlap.quantity().contains("reduction 2 (k = 10, N = 100)"), overlap.quantity());
    }

    @Test
    void identicalSubsetsAreFarAboveChanceAndContradictTheClaim() {
        int[] same = IntStream.range(0, 10).toArray();
        List<MarginPruning.Result> runs = new ArrayList<>();
        for (long seed = 0; seed < 5; seed++) {
            for (MarginPruning.Selection sel : MarginPruning.Selection.values()) {
                runs.add(run(sel, seed, 3, 0.8, 0.8, List.of(same)));
            }
        }
        Finding overlap = MarginFindings.pruning(MarginStudies.overlaps(100, SCHEDULE, runs), "x").get(3);
        assertEquals(10, overlap.measured(), 1e-12, "|A n B| / k = 1 against chance 0.1");
        assertEquals(Verdict.CONTRADICTED, overlap.verdict());
    }

    @Test
    void distinctPairMeanSkipsAResampledSeedPairedWithItself() {
        double[][] r = {{0, 1, 2}, {1, 0, 4}, {2, 4, 0}};
        assertEquals((1 + 1 + 2 + 4 + 4) / 5.0, MarginFindings.meanOverDistinctPairs(r, new int[] {0, 1, 1, 2}), 1e-12,
                "pairs (0,1) twice, (0,2), (1,2) twice; (1,1) is skipped");
        assertTrue(Double.isNaN(MarginFindings.meanOverDistinctPairs(r, new int[] {2, 2, 2})));
    }

    private static MarginAreaStudy.Point point(String model, int i, double error, double area, double min) {
        MarginSummary m = new MarginSummary(100, area, min, 0, 0, -1, 1, 0, 0, new double[0], new double[0]);
        return new MarginAreaStudy.Point("n" + i, model, 0, 1, 0, i, "reached-train-acc", 10, true, 1, error, m);
    }

    @Test
    void areaTauIsTheConcordanceCountAndTheBaselineDifferenceUsesTheSameNetworks() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 20;
        double[] err = new double[n];
        double[] area = new double[n];
        double[] min = new double[n];
        List<MarginAreaStudy.Point> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            err[i] = rng.nextDouble();
            area[i] = -err[i] + 0.3 * rng.nextDouble();
            min[i] = rng.nextDouble();
            pts.add(point("mlp", i, err[i], area[i], min[i]));
        }
        for (int i = 0; i < 6; i++) {
            pts.add(point("wide", 100 + i, i, i, -i));
        }
        MarginAreaStudy.Point unseparated = new MarginAreaStudy.Point("bad", "mlp", 0, 1, 0, 99, "completed", 1000, false, 0.9, 0.9,
                new MarginSummary(100, 5, -1, 0, 0, -1, 1, 0, 0.1, new double[0], new double[0]));
        pts.add(unseparated);
        List<Finding> f = MarginFindings.area(new MarginAreaStudy.Result(pts, List.of("bad"), List.of()), 1, "hand-made");
        assertEquals(4, f.size(), "two findings per architecture");
        assertEquals("area-tau-mlp", f.get(0).id());
        assertEquals(tau(area, err), f.get(0).measured(), 1e-12, "neither the unseparated network nor the other architecture is mixed in");
        assertEquals(Verdict.REPRODUCED, f.get(0).verdict());
        assertEquals("20 networks", f.get(0).unit());
        assertEquals("area-tau-wide", f.get(2).id());
        assertEquals(1, f.get(2).measured(), 1e-12, "area rises with error in the wide networks");
        assertEquals(Verdict.CONTRADICTED, f.get(2).verdict());
        assertEquals(0, f.get(3).measured(), 1e-12, "|tau| of area and of min margin are both 1 there");
        assertEquals(Math.abs(tau(area, err)) - Math.abs(tau(min, err)), f.get(1).measured(), 1e-12);
        assertTrue(f.get(0).setting().endsWith("left out: bad"));
    }

    /** Kendall's tau of tie-free data by counting concordant and discordant pairs. */
    private static double tau(double[] x, double[] y) {
        int c = 0;
        int d = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double s = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
                c += s > 0 ? 1 : 0;
                d += s < 0 ? 1 : 0;
            }
        }
        return (c - d) / (x.length * (x.length - 1) / 2.0);
    }

    @Test
    void finishedPruningRunsAreReusedAndAChangedScheduleRunsAgain(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 40;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x[4 * i + j] = (float) (rng.nextGaussian() + (j == 0 ? 2 * y[i] - 1 : 0));
            }
        }
        Dataset d = new Dataset("toy", new int[] {4}, x, y, 2);
        DataSplit data = new DataSplit(d, d, Map.of());
        TrainConfig c = TrainConfig.defaults().with(Map.of("model", "mlp:4-8-2", "batch", 10, "lr", 0.1));
        MarginPruning.Schedule s = new MarginPruning.Schedule(1, 0.5, 0.1, 50);
        Path runs = dir.resolve("pruning-runs");
        MarginStudies.PruningStudy first = MarginStudies.pruning(c, data, s, List.of(0L, 1L), runs);
        Path file = runs.resolve("low-margin-seed-1.json");
        FileTime written = Files.getLastModifiedTime(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime before = Files.getLastModifiedTime(file);
        MarginStudies.PruningStudy again = MarginStudies.pruning(c, data, s, List.of(0L, 1L), runs);
        assertEquals(before, Files.getLastModifiedTime(file), "a finished run is read back, not run again");
        assertEquals(first.runs().size(), again.runs().size());
        for (int i = 0; i < first.runs().size(); i++) {
            assertEquals(first.runs().get(i).epochs(), again.runs().get(i).epochs());
            assertEquals(first.runs().get(i).subsets().size(), again.runs().get(i).subsets().size());
            for (int k = 0; k < first.runs().get(i).subsets().size(); k++) {
                assertArrayEquals(first.runs().get(i).subsets().get(k), again.runs().get(i).subsets().get(k));
            }
        }
        MarginStudies.pruning(c, data, new MarginPruning.Schedule(1, 0.5, 0.2, 50), List.of(1L), runs);
        assertNotEquals(before, Files.getLastModifiedTime(file), "another schedule is not served from the stored run");
    }
}
