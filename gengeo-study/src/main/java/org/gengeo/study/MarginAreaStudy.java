package org.gengeo.study;

import ai.djl.ndarray.NDManager;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Consumer;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.margins.MarginSummary;
import org.gengeo.margins.Margins;
import org.gengeo.stats.Correlations;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunRecord;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.TrainingListener;

/**
 * Study 1 of the margin spec (Banburski et al. 2021): does the area under the curve of sorted
 * normalised training margins predict test error across networks that all separate their training
 * set? A family of networks varies width, weight decay, initial scale and seed, and, to move test
 * error as Liao et al. (2018) did, pretraining on partly random labels: a member with pretraining
 * fraction p first trains for a fixed number of epochs on the training set with a fraction p of its
 * labels replaced by wrong ones (p = 1: every label uniformly random), then continues from those
 * weights ({@code init-from}) on the true labels. Every member trains on the true labels until 100%
 * training accuracy or its epoch cap; one that does not separate is reported and left out of the
 * coefficients (Pearson, Spearman, Kendall tau-b of each predictor with test error), which compare
 * the area with the baselines: minimum and median normalised margin, the unnormalised area and the
 * CDF area on [-1, 1].
 */
public final class MarginAreaStudy {
    private MarginAreaStudy() {}

    /**
     * One network of the family.
     *
     * @param name             its directory name under the study's runs
     * @param config           the training on true labels (with {@code until-train-acc} 1 and an epoch cap)
     * @param pretrainFraction fraction of training labels randomised in the pretraining stage (0: none)
     * @param pretrainEpochs   epochs of the pretraining stage
     */
    public record Member(String name, TrainConfig config, double pretrainFraction, int pretrainEpochs) {
        /** The pretraining stage: the same data, model and seed, with a fraction of random labels, for a fixed number of epochs. */
        public TrainConfig pretrainConfig() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("until-train-acc", null);
            o.put("epochs", pretrainEpochs);
            o.put("random-labels", pretrainFraction >= 1);
            o.put("label-noise", pretrainFraction >= 1 ? 0.0 : pretrainFraction);
            return config.with(o);
        }
    }

    /** The factors the family crosses (every combination, each with its own seed). */
    public record Grid(int[] widths, double[] weightDecays, double[] initScales, double[] pretrainFractions, int pretrainEpochs) {}

    /**
     * The family: every combination of the grid's factors on {@code base}, {@code seeds} times, the
     * model of width W from the grid being {@code model.apply(W)} (an MLP input-W-classes, or a
     * residual network of base width W), seed = the member's index, trained until 100% training
     * accuracy. The grid is repeated whole, so the first r repeats of a larger family are the members
     * of a family with r seeds (a study given more seeds reuses the finished ones).
     */
    public static List<Member> family(TrainConfig base, IntFunction<String> model, Grid g, int seeds) {
        List<Member> out = new ArrayList<>();
        for (int repeat = 0; repeat < seeds; repeat++) {
            addGrid(out, base, model, g);
        }
        return out;
    }

    private static void addGrid(List<Member> out, TrainConfig base, IntFunction<String> model, Grid g) {
        for (double p : g.pretrainFractions()) {
            for (int w : g.widths()) {
                for (double wd : g.weightDecays()) {
                    for (double s : g.initScales()) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("model", model.apply(w));
                        o.put("weight-decay", wd);
                        o.put("init-scale", s);
                        o.put("seed", (long) out.size());
                        o.put("until-train-acc", 1.0);
                        String name = "p" + plain(p) + "-w" + w + "-wd" + plain(wd) + "-s" + plain(s) + "-seed" + out.size();
                        out.add(new Member(name, base.with(o), p, g.pretrainEpochs()));
                    }
                }
            }
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * One network's result.
     *
     * @param separated whether training ended at 100% training accuracy (every normalised margin &gt; 0)
     * @param epochs    epochs on the true labels
     */
    public record Point(String name, String model, double weightDecay, double initScale, double pretrainFraction, long seed,
                        String outcome, int epochs, boolean separated, double trainAccuracy, double testError, MarginSummary margins) {}

    /**
     * Coefficients of one predictor with test error over the separated networks of a group: "all", or
     * one architecture (normalised margins are comparable only within one architecture, spec section 6).
     */
    public record Association(String group, String predictor, int networks, double pearson, double spearman, double kendall) {}

    /**
     * The study's result.
     *
     * @param networks     every member, separated or not
     * @param notSeparated the members that reached their epoch cap below 100% training accuracy (left out of the coefficients)
     * @param associations each predictor against test error over the separated members, all together, then per architecture
     *                     when the family has several (a group with fewer than 3 separated members has none)
     */
    public record Result(List<Point> networks, List<String> notSeparated, List<Association> associations) {
        /** The members the coefficients are computed over. */
        public List<Point> separated() {
            return networks.stream().filter(Point::separated).toList();
        }
    }

    /** Trains every member into {@code out/NAME} (pretraining into {@code out/NAME-pretrain}), reusing finished runs. */
    public static Result run(List<Member> family, Path out, String command, Consumer<String> progress) {
        List<Point> points = new ArrayList<>();
        for (Member m : family) {
            TrainConfig c = m.config();
            if (m.pretrainFraction() > 0) {
                Path pre = out.resolve(m.name() + "-pretrain");
                RunRecord r = StudyRuns.ensure(pre, m.pretrainConfig(), command, TrainingListener.NONE);
                progress.accept(String.format(Locale.ROOT, "%s: pretrained %d epochs on %.0f%% random labels (train accuracy %.3f)",
                        m.name(), r.epochs(), 100 * m.pretrainFraction(), r.last().trainAcc()));
                c = c.with("init-from", pre.resolve("model.safetensors").toString());
            }
            Path dir = out.resolve(m.name());
            RunRecord r = StudyRuns.ensure(dir, c, command, TrainingListener.NONE);
            MarginSummary s;
            try (LoadedRun run = LoadedRun.open(RunDirectory.open(dir), null); NDManager memory = TensorEngine.newManager()) {
                s = MarginSummary.of(Margins.of(run.network(), new DeviceData(run.data().train(), memory, run.network().precision()),
                        false), -1, 1);
            }
            boolean separated = "reached-train-acc".equals(r.outcome()) && s.minMargin() > 0;
            points.add(new Point(m.name(), c.model(), c.weightDecay(), c.initScale(), m.pretrainFraction(), c.seed(), r.outcome(),
                    r.epochs(), separated, r.last().trainAcc(), 1 - r.last().testAcc(), s));
            progress.accept(String.format(Locale.ROOT, "%s: %s after %d epochs, train accuracy %.4f, test error %.4f, area %.4g",
                    m.name(), separated ? "separated" : "NOT separated", r.epochs(), r.last().trainAcc(), 1 - r.last().testAcc(), s.area()));
        }
        List<String> notSeparated = points.stream().filter(p -> !p.separated()).map(Point::name).toList();
        List<Point> separated = points.stream().filter(Point::separated).toList();
        List<Association> associations = new ArrayList<>(associations("all", separated));
        List<String> models = separated.stream().map(Point::model).distinct().toList();
        if (models.size() > 1) {
            for (String model : models) {
                associations.addAll(associations(model, separated.stream().filter(p -> p.model().equals(model)).toList()));
            }
        }
        return new Result(points, notSeparated, associations);
    }

    /** Pearson, Spearman and Kendall of each predictor with test error over {@code points}; empty for fewer than 3 networks. */
    static List<Association> associations(String group, List<Point> points) {
        if (points.size() < 3) {
            return List.of();
        }
        double[] err = points.stream().mapToDouble(Point::testError).toArray();
        Map<String, double[]> predictors = new LinkedHashMap<>();
        predictors.put("area", points.stream().mapToDouble(p -> p.margins().area()).toArray());
        predictors.put("min margin", points.stream().mapToDouble(p -> p.margins().minMargin()).toArray());
        predictors.put("median margin", points.stream().mapToDouble(p -> p.margins().medianMargin()).toArray());
        predictors.put("unnormalised area", points.stream().mapToDouble(p -> p.margins().unnormalisedArea()).toArray());
        predictors.put("CDF area [-1, 1]", points.stream().mapToDouble(p -> p.margins().cdfArea()).toArray());
        List<Association> out = new ArrayList<>();
        for (Map.Entry<String, double[]> p : predictors.entrySet()) {
            out.add(new Association(group, p.getKey(), points.size(), Correlations.pearson(p.getValue(), err), Correlations.spearman(p.getValue(), err),
                    Correlations.kendallTau(p.getValue(), err)));
        }
        return out;
    }
}
