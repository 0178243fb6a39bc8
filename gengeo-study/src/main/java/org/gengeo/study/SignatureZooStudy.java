package org.gengeo.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gengeo.train.RunDirectory;
import org.gengeo.core.GengeoException;
import org.gengeo.measures.registry.MarginSignatureFeatures;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.stats.LinearRegression;
import org.gengeo.sweep.ResultsTable;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRow;
import org.gengeo.sweep.SweepRunner;

/**
 * Study 4 of the margin spec: the margin-signature regression of Jiang, Krishnan, Mobahi and Bengio
 * (ICLR 2019) across a model zoo. The zoo is a sweep ({@link SweepPlan}, trained and measured by
 * {@link SweepRunner}, resumable) whose models carry the {@code margin-signature} measure; its log
 * features (per layer, log|.| of the lower fence, Q1, median, Q3 and upper fence of d / nu) are fitted
 * to the generalization gap g = train accuracy - test accuracy by least squares, g ~ b + a^T phi,
 * reporting R^2, adjusted R^2 = 1 - (1 - R^2)(n - 1)/(n - p - 1) and k-fold cross-validated R^2
 * ({@link LinearRegression}). Besides the full signature, two of Jiang et al.'s ablations with fewer
 * features: quartiles only (Q1, median, Q3 per layer) and the median alone per layer. A feature set is
 * fitted only when the zoo has at least p + 3 models, so that every cross-validation fold trains on
 * more models than there are coefficients.
 */
public final class SignatureZooStudy {
    private SignatureZooStudy() {}

    /** The feature sets fitted, by name: which of the five statistics of every layer they keep. */
    public static final Map<String, List<String>> FEATURE_SETS = featureSets();

    private static Map<String, List<String>> featureSets() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("fences and quartiles", MarginSignatureFeatures.STATISTICS);
        m.put("quartiles", List.of("q1", "median", "q3"));
        m.put("median", List.of("median"));
        return m;
    }

    /** One model of the zoo: its sweep factors, accuracies, gap and signature log features (named as in the measure's details). */
    public record Model(String id, Map<String, Object> factors, double trainAccuracy, double testAccuracy, double gap,
                        Map<String, Double> features) {}

    /**
     * One regression.
     *
     * @param featureSet   the feature set's name
     * @param features     the feature names, in the coefficients' order (after the intercept)
     * @param skipped      why it was not fitted, or null
     * @param fit          the least-squares fit with its statistics (null when skipped)
     */
    public record Fit(String featureSet, List<String> features, String skipped, LinearRegression fit) {}

    /**
     * The study's result.
     *
     * @param zoo      the sweep's name
     * @param models   the models used (finished, not diverged, every feature finite)
     * @param excluded ids of finished models left out, with the reason
     * @param failed   ids of models that failed to train or measure, with the message
     * @param fits     one per feature set
     */
    public record Result(String zoo, List<Model> models, Map<String, String> excluded, Map<String, String> failed, List<Fit> fits) {}

    /** Trains and measures the zoo into {@code out} (one model at a time, {@code threads} engine threads), then fits. */
    public static Result run(SweepPlan plan, Path out, int threads, String command, Consumer<String> progress, int folds) {
        if (plan.measures().stream().noneMatch(m -> m.name().equals("margin-signature"))) {
            throw new GengeoException("zoo " + plan.name() + " does not compute the margin-signature measure");
        }
        SweepRunner.Outcome outcome = SweepRunner.run(plan, out, 1, SweepRunner.inProcess(plan, out, threads, command), command, progress);
        List<Model> models = new ArrayList<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        for (SweepRow r : ResultsTable.rows(plan, out)) {
            MeasuresRecord.Entry e = MeasureRunner.read(RunDirectory.open(SweepRunner.runDir(out, r.id()))).measures()
                    .get("margin-signature");
            if ("diverged".equals(r.outcome())) {
                excluded.put(r.id(), "diverged");
            } else if (e == null || e.details().values().stream().anyMatch(v -> !Double.isFinite(v))) {
                excluded.put(r.id(), "a signature feature is not finite (no correctly classified example, or a fence at 0)");
            } else {
                models.add(new Model(r.id(), r.factors(), r.trainAcc(), r.testAcc(), r.gapAcc(), e.details()));
            }
        }
        return new Result(plan.name(), models, excluded, outcome.failures(), fits(models, folds));
    }

    /** The regression of the gap on each feature set (k = min(folds, n) folds, seed 0). */
    static List<Fit> fits(List<Model> models, int folds) {
        List<Fit> out = new ArrayList<>();
        double[] gap = models.stream().mapToDouble(Model::gap).toArray();
        for (Map.Entry<String, List<String>> set : FEATURE_SETS.entrySet()) {
            List<String> names = models.isEmpty() ? List.of() : models.get(0).features().keySet().stream()
                    .filter(n -> set.getValue().contains(n.substring(n.indexOf(".log_") + 5))).toList();
            int n = models.size();
            if (names.isEmpty() || n < names.size() + 3) {
                out.add(new Fit(set.getKey(), names, n + " models are too few for " + names.size() + " features (need p + 3)", null));
                continue;
            }
            if (models.stream().anyMatch(m -> !m.features().keySet().containsAll(names))) {
                out.add(new Fit(set.getKey(), names, "the models have different layers (mixed depths)", null));
                continue;
            }
            double[][] x = new double[n][names.size()];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < names.size(); j++) {
                    x[i][j] = models.get(i).features().get(names.get(j));
                }
            }
            try {
                out.add(new Fit(set.getKey(), names, null, LinearRegression.fit(x, gap, Math.min(folds, n), 0)));
            } catch (IllegalArgumentException e) {
                out.add(new Fit(set.getKey(), names, e.getMessage(), null));
            }
        }
        return out;
    }
}
