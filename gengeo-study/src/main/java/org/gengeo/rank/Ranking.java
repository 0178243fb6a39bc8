package org.gengeo.rank;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.Seeds;
import org.gengeo.stats.Bootstrap;
import org.gengeo.stats.Correlations;

/**
 * How well each measure of a sweep's {@code results.csv} predicts the generalization gap: Kendall's
 * tau over all models and the granulated Kendall coefficient over the factors that vary (Jiang et
 * al. 2020), and the conditional-mutual-information scores of the same paper. The table's layout is the sweep's: {@code id}, the config columns, then {@code outcome}
 * up to {@code gap_loss}, then one column per measure. Diverged models are left out, as are, when an
 * outcome is required (Jiang et al. 2020 rank only models trained to the same cross-entropy, 0.01: a
 * sweep with {@code until-train-loss} marks them {@code reached-train-loss}), models with another outcome,
 * and, per measure, models where the measure or the gap is not finite.
 *
 * <p>Each of the three statistics comes with a 95% bootstrap interval ({@link Bootstrap}, 4,000
 * resamples) whose unit is the model: a resample draws the ranked models with replacement, keeping each
 * one's measure, gap and factor levels together, and recomputes the statistic (a model drawn twice
 * ties with itself, which tau-b counts as a tie and the CMI leaves out as a tied pair). The CMI's
 * resampled values are biased upward (an empirical mutual information is never below zero), so its
 * interval says how stable the score is, not that it is above zero. Jiang et al. (2020) give no
 * intervals; the resampling is gengeo's addition.
 *
 * @param provenance code and command
 * @param results    the table ranked
 * @param gap        the gap column used (gap_acc: train minus test accuracy, or gap_loss)
 * @param models     models ranked: those that did not diverge and, when {@code outcome} is given, had it
 * @param diverged   models left out because they diverged
 * @param outcome    the outcome a model needed to be ranked, or null for any that did not diverge
 * @param otherOutcome models left out because their outcome was not {@code outcome}
 * @param factors    config columns that vary across the models (those the granulated coefficient groups by)
 * @param measures   one entry per measure column, in table order
 */
public record Ranking(Provenance provenance, String results, String gap, int models, int diverged, String outcome,
                      int otherOutcome, List<String> factors, List<MeasureRank> measures) {
    /**
     * One measure's ranking.
     *
     * @param measure    the column name
     * @param kendallTau tau-b between measure and gap over all models used
     * @param models     models used (finite measure and gap)
     * @param granulated Psi, the mean of the factors' psi_i
     * @param perFactor  each factor's psi_i with the number of groups it averages
     * @param mutualInformation the normalised conditional mutual information of the gap's and the measure's signs over pairs
     * @param values     the measure value of each model used
     * @param gaps       the gap of each model used
     * @param ids        the id (first column) of each model used
     * @param levels     each factor's level for each model used
     * @param kendallTauInterval 95% bootstrap interval of tau, resampling models
     * @param granulatedInterval 95% bootstrap interval of Psi, resampling models
     * @param mutualInformationInterval 95% bootstrap interval of the CMI score (the minimum over two
     *                   conditioning factors), resampling models
     */
    public record MeasureRank(String measure, double kendallTau, int models, double granulated,
                              Map<String, GranulatedKendall.Factor> perFactor,
                              ConditionalMutualInformation.Result mutualInformation, double[] values, double[] gaps, String[] ids,
                              Map<String, String[]> levels, Bootstrap.Interval kendallTauInterval,
                              Bootstrap.Interval granulatedInterval, Bootstrap.Interval mutualInformationInterval) {}

    /** Ranks the measures of {@code table} (read from {@code source}) against the column {@code gapColumn}, every model that did not diverge. */
    public static Ranking of(CsvFile table, String source, String gapColumn, String command) {
        return of(table, source, gapColumn, null, command);
    }

    /**
     * Ranks the measures of {@code table} against {@code gapColumn} over the models whose outcome is
     * {@code required} (null: every model that did not diverge).
     */
    public static Ranking of(CsvFile table, String source, String gapColumn, String required, String command) {
        int outcome = table.column("outcome", source);
        int gapLoss = table.column("gap_loss", source);
        int gapAt = table.column(gapColumn, source);
        if (!gapColumn.startsWith("gap_")) {
            throw new GengeoException("--gap must name a gap column (gap_acc or gap_loss), got '" + gapColumn + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        int diverged = 0;
        int other = 0;
        for (List<String> r : table.rows()) {
            if (r.get(outcome).equals("diverged")) {
                diverged++;
            } else if (required != null && !r.get(outcome).equals(required)) {
                other++;
            } else {
                rows.add(r);
            }
        }
        if (required != null && rows.isEmpty()) {
            throw new GengeoException(source + ": no model has outcome '" + required + "' (outcomes: "
                    + table.rows().stream().map(r -> r.get(outcome)).distinct().sorted().toList() + ")");
        }
        List<String> factors = new ArrayList<>();
        for (int c = 1; c < outcome; c++) {
            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            for (List<String> r : rows) {
                distinct.add(r.get(c));
            }
            if (distinct.size() > 1) {
                factors.add(table.header().get(c));
            }
        }
        List<MeasureRank> ranks = new ArrayList<>();
        for (int c = gapLoss + 1; c < table.header().size(); c++) {
            ranks.add(rank(table, rows, c, gapAt, factors, source));
        }
        if (ranks.isEmpty()) {
            throw new GengeoException(source + ": no measure columns after gap_loss (was the sweep run without measures?)");
        }
        return new Ranking(Provenance.current(command), source, gapColumn, rows.size(), diverged, required, other, factors, ranks);
    }

    /** Reads and ranks a results.csv over the models with outcome {@code required} (null: every model that did not diverge). */
    public static Ranking of(Path results, String gapColumn, String required, String command) {
        return of(CsvFile.read(results), results.toString(), gapColumn, required, command);
    }

    /** How many models were left out and why, for a table's caption: "3 diverged, 16 without outcome reached-train-loss". */
    public String leftOut() {
        return diverged + " diverged" + (outcome == null ? "" : ", " + otherOutcome + " without outcome " + outcome);
    }

    private static MeasureRank rank(CsvFile table, List<List<String>> rows, int column, int gapAt, List<String> factors, String source) {
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (Double.isFinite(number(rows.get(i).get(column), source)) && Double.isFinite(number(rows.get(i).get(gapAt), source))) {
                used.add(i);
            }
        }
        double[] x = new double[used.size()];
        double[] y = new double[used.size()];
        String[] ids = new String[used.size()];
        Map<String, String[]> levels = new LinkedHashMap<>();
        for (String f : factors) {
            levels.put(f, new String[used.size()]);
        }
        for (int k = 0; k < used.size(); k++) {
            List<String> r = rows.get(used.get(k));
            x[k] = number(r.get(column), source);
            y[k] = number(r.get(gapAt), source);
            ids[k] = r.get(0);
            for (String f : factors) {
                levels.get(f)[k] = r.get(table.header().indexOf(f));
            }
        }
        double tau = used.size() < 2 ? Double.NaN : Correlations.kendallTau(x, y);
        GranulatedKendall.Result g = GranulatedKendall.of(levels, x, y);
        ConditionalMutualInformation.Result mi = ConditionalMutualInformation.of(levels, x, y);
        String measure = table.header().get(column);
        return new MeasureRank(measure, tau, used.size(), g.overall(), g.factors(), mi, x, y, ids, levels,
                interval(tau, x.length, idx -> Correlations.kendallTau(Bootstrap.pick(x, idx), Bootstrap.pick(y, idx)),
                        "rank-finding:" + measure),
                interval(g.overall(), x.length, idx -> GranulatedKendall.of(pick(levels, idx), Bootstrap.pick(x, idx),
                        Bootstrap.pick(y, idx)).overall(), "rank-granulated:" + measure),
                interval(mi.minTwo(), x.length, idx -> ConditionalMutualInformation.minTwo(pick(levels, idx), Bootstrap.pick(x, idx),
                        Bootstrap.pick(y, idx)), "rank-cmi:" + measure));
    }

    /**
     * The bootstrap interval of a statistic over {@code models} models, seeded by {@code stream}; an
     * interval of NaNs where the statistic is undefined on all of them or there are fewer than 3 models.
     */
    private static Bootstrap.Interval interval(double estimate, int models, java.util.function.ToDoubleFunction<int[]> statistic,
                                               String stream) {
        if (models < 3 || !Double.isFinite(estimate)) {
            return new Bootstrap.Interval(estimate, Double.NaN, Double.NaN, 0.95, models, 0);
        }
        return Bootstrap.of(models, statistic, Seeds.derive(0, stream));
    }

    /** Each factor's levels at the indices (with repeats). */
    private static Map<String, String[]> pick(Map<String, String[]> levels, int[] idx) {
        Map<String, String[]> out = new LinkedHashMap<>();
        levels.forEach((f, v) -> {
            String[] p = new String[idx.length];
            for (int i = 0; i < idx.length; i++) {
                p[i] = v[idx[i]];
            }
            out.put(f, p);
        });
        return out;
    }

    /** A CSV number (NaN, inf and -inf as CsvTable writes them; an empty field is NaN). */
    private static double number(String s, String source) {
        switch (s) {
            case "", "NaN", "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new GengeoException(source + ": '" + s + "' is not a number");
                }
        }
    }
}
