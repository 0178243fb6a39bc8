package org.gengeo.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.gengeo.core.Seeds;
import org.gengeo.findings.Finding;
import org.gengeo.findings.Rule;
import org.gengeo.report.page.Numbers;
import org.gengeo.stats.Bootstrap;

/**
 * The temporal findings of Zhang et al. 2021 (section 5, Fig. 5: one FCN on MNIST, |S| = 500, |E| = 100, read off
 * the figure) as {@link Finding}s, each a mean over seeds with a bootstrap interval over seeds: once S is fitted,
 * further SGD leaves the function and so log P(f) nearly where it is while sharpness keeps moving; alpha-scaling
 * moves sharpness at once and leaves P(f) exactly unchanged.
 */
final class FlatnessTemporalFindings {
    /**
     * The post-fit change of log10 P(f) counts as "nearly unchanged" below this fraction of its value at the fit (not of its
     * change while fitting: a network's function at initialisation can be as improbable as the fitted one).
     */
    static final double SETTLED = 0.1;

    private FlatnessTemporalFindings() {}

    /** Measured networks at each end of the post-fit phase that a sharpness comparison averages over (SGD noise moves single points). */
    static final int WINDOW = 5;

    /**
     * The points of a seed the findings compare: initialisation, the fit, just before and just after the alpha-scaling,
     * the end; and the first {@link #WINDOW} points of the post-fit phase (the fit included) and its last {@code WINDOW}.
     */
    record Landmarks(TemporalPoint start, TemporalPoint fitted, TemporalPoint beforeScaling, TemporalPoint afterScaling,
                     TemporalPoint end, List<TemporalPoint> early, List<TemporalPoint> late) {
        static Landmarks of(List<TemporalPoint> seedPoints) {
            List<TemporalPoint> fit = phase(seedPoints, "fit");
            List<TemporalPoint> post = new ArrayList<>(List.of(fit.get(fit.size() - 1)));
            post.addAll(phase(seedPoints, "post"));
            List<TemporalPoint> scaled = phase(seedPoints, "rescaled");
            int w = Math.min(WINDOW, post.size() / 2);
            return new Landmarks(fit.get(0), fit.get(fit.size() - 1), post.get(post.size() - 1), scaled.get(0),
                    scaled.get(scaled.size() - 1), post.subList(0, w), post.subList(post.size() - w, post.size()));
        }

        /** The mean of log10 sharpness over {@code points}. */
        static double log10Sharpness(List<TemporalPoint> points) {
            return points.stream().mapToDouble(p -> Math.log10(p.sharpness())).average().orElseThrow();
        }

        private static List<TemporalPoint> phase(List<TemporalPoint> points, String phase) {
            List<TemporalPoint> out = points.stream().filter(p -> p.phase().equals(phase)).toList();
            if (out.isEmpty()) {
                throw new IllegalStateException("no " + phase + " point");
            }
            return out;
        }
    }

    static List<Finding> check(FlatnessTemporalOptions o, List<TemporalPoint> points, Map<Integer, Integer> fitEpochs,
                               List<String> leftOut, String source) {
        List<Landmarks> seeds = new ArrayList<>();
        for (int seed : fitEpochs.keySet()) {
            seeds.add(Landmarks.of(points.stream().filter(p -> p.seed() == seed).toList()));
        }
        List<Finding> out = new ArrayList<>();
        if (seeds.isEmpty()) {
            return out;
        }
        String setting = setting(o, fitEpochs, leftOut, source);
        String figure = "(Fig. 5: one FCN on MNIST, |S| = 500, |E| = 100, alpha = 5.9 after 500 post-fit epochs; read off the figure)";
        out.add(perSeed("temporal-pf-settles", "Once the network fits S, further SGD leaves its function, and so log P(f), nearly "
                        + "where it is", "log10 P(f) flat after zero training error " + figure + "; here: settled if its post-fit change "
                        + "is below " + Numbers.compact(SETTLED, 3) + " of its value at the fit",
                "mean over seeds of |log10 P(f) at " + o.rescaleAt() + " epochs after the fit - at the fit| / |log10 P(f) at the fit|",
                values(seeds, l -> Math.abs(l.beforeScaling().log10P() - l.fitted().log10P()) / Math.abs(l.fitted().log10P())),
                seeds.size(), "seeds", setting, Rule.below(SETTLED)));
        out.add(perSeed("temporal-sharpness-falls", "While the function stays fixed after the fit, SGD keeps making the network "
                        + "flatter", "sharpness falls after zero training error while log P(f) is flat " + figure,
                "mean over seeds of log10 sharpness over the last " + WINDOW + " measurements before the alpha-scaling (" + o.rescaleAt()
                        + " epochs after the fit) - over the first " + WINDOW + " from the fit on (every " + o.measureEvery() + " epochs)",
                values(seeds, l -> Landmarks.log10Sharpness(l.late()) - Landmarks.log10Sharpness(l.early())), seeds.size(), "seeds", setting, Rule.below(0)));
        out.add(perSeed("temporal-rescale-sharpness", "Alpha-scaling makes the same function sharper at once",
                "sharpness jumps at the alpha-scaling " + figure, "mean over seeds of log10 sharpness just after - just before the "
                        + "alpha-scaling", values(seeds, l -> Math.log10(l.afterScaling().sharpness())
                        - Math.log10(l.beforeScaling().sharpness())), seeds.size(), "seeds", setting,
                Rule.above(0)));
        double pfJump = seeds.stream().mapToDouble(l -> Math.abs(l.afterScaling().log10P() - l.beforeScaling().log10P())).max()
                .orElseThrow();
        out.add(Finding.single("temporal-rescale-pf", "Alpha-scaling leaves log P(f) unchanged, since the function is the same",
                "log10 P(f) continuous through the alpha-scaling " + figure, "largest |log10 P(f) just after - just before the "
                        + "alpha-scaling| over seeds", pfJump, seeds.size(), setting, Rule.exactlyBelow(1e-6)));
        return out;
    }

    /** The per-seed values of one finding's quantity. */
    private static double[] values(List<Landmarks> seeds, ToDoubleFunction<Landmarks> perSeed) {
        return seeds.stream().mapToDouble(perSeed).toArray();
    }

    /** A finding on the mean of per-seed values: with a bootstrap interval over seeds, or without one for a single seed. */
    private static Finding perSeed(String id, String claim, String paper, String quantity, double[] values, int seeds, String unit,
                                   String setting, Rule rule) {
        if (values.length < 2) {
            return Finding.single(id, claim, paper, quantity, values[0], seeds, setting, rule);
        }
        return Finding.of(id, claim, paper, quantity, Bootstrap.mean(values, Seeds.derive(0, "flatness-temporal-finding:" + id)), seeds,
                unit, setting, rule);
    }

    static String setting(FlatnessTemporalOptions o, Map<Integer, Integer> fitEpochs, List<String> leftOut, String source) {
        String from = source.equals("embedded") ? "the subset embedded in gengeo" : source;
        return String.format(Locale.ROOT, "%s from %s (binary: classes 0-4 vs 5-9), |S| = %d, |E| = %d (the same for every seed), no attack set, %s ReLU, SGD lr %s "
                        + "batch %d without momentum; trained to 100%% accuracy on S (cap %d epochs; epochs needed: %s), then %d epochs, "
                        + "alpha-scaled (alpha = %s on fc0/fc1) after %d of them; measured every %d epochs (the authors: every epoch) "
                        + "and at each phase's start and end: Keskar sharpness on S (eps %s, %d ascent steps), log10 P(f) by EP with "
                        + "the analytic NNGP kernel, f = predicted labels on S and E; %d seeds%s (the paper's figure: one network)",
                o.data(), from, o.trainSize(), o.testSize(), o.model(), o.lr(), o.batch(), o.maxEpochs(), fitEpochs.values(),
                o.postEpochs(), o.alpha(), o.rescaleAt(), o.measureEvery(), Numbers.compact(o.eps()), o.sharpnessSteps(),
                fitEpochs.size(), leftOut.isEmpty() ? "" : "; left out: " + String.join("; ", leftOut));
    }
}
