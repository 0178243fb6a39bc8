package org.gengeo.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.io.CsvTable;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.chart.ScatterChart;

/** The ranking as a CSV table and as an HTML page with one scatter plot (measure against gap) per measure. */
public final class RankPage {
    private static final int W = 460;
    private static final int H = 320;

    private RankPage() {}

    /**
     * Header and rows: measure, tau with its 95% bootstrap interval, models, Psi with its interval, psi_i for
     * each factor, then the normalised conditional mutual information with no conditioning, its minimum over
     * one factor, and its minimum over two factors (Jiang et al.'s score) with its interval.
     */
    static List<Object[]> rows(Ranking r) {
        List<Object[]> rows = new ArrayList<>();
        for (Ranking.MeasureRank m : r.measures()) {
            List<Object> row = new ArrayList<>(List.of(m.measure(), m.kendallTau(), m.kendallTauInterval().low(),
                    m.kendallTauInterval().high(), m.models(), m.granulated(), m.granulatedInterval().low(), m.granulatedInterval().high()));
            for (String f : r.factors()) {
                row.add(m.perFactor().get(f).mean());
            }
            ConditionalMutualInformation.Result mi = m.mutualInformation();
            row.addAll(List.of(mi.unconditional(), mi.minOne(), mi.minTwo(), m.mutualInformationInterval().low(),
                    m.mutualInformationInterval().high()));
            rows.add(row.toArray());
        }
        return rows;
    }

    static String[] header(Ranking r) {
        List<String> h = new ArrayList<>(List.of("measure", "kendall_tau", "kendall_tau_low", "kendall_tau_high", "models", "granulated",
                "granulated_low", "granulated_high"));
        r.factors().forEach(f -> h.add("psi_" + f));
        h.addAll(List.of("cmi", "cmi_min_1", "cmi_min_2", "cmi_min_2_low", "cmi_min_2_high"));
        return h.toArray(new String[0]);
    }

    /** The CSV table. */
    public static CsvTable table(Ranking r) {
        CsvTable t = new CsvTable(header(r));
        rows(r).forEach(t::row);
        return t;
    }

    /**
     * A measure against the gap, one point per model; hovering a point names the model and its
     * factors, and the points can be coloured by any factor.
     */
    public static ScatterChart scatter(Ranking.MeasureRank m, String gapLabel) {
        Map<String, String[]> labels = new LinkedHashMap<>();
        labels.put("model", m.ids());
        labels.putAll(m.levels());
        ScatterChart chart = new ScatterChart(m.measure(), m.measure(), gapLabel).add("models", m.values(), m.gaps(), labels);
        m.levels().keySet().forEach(chart::colourBy);
        return chart;
    }

    /** The HTML page. */
    public static HtmlPage page(Ranking r) {
        HtmlPage page = new HtmlPage("Generalization measures ranked: " + r.results());
        page.paragraph(String.format(Locale.ROOT, "%d models (left out: %s); gap = %s; factors: %s. Kendall's tau over all "
                + "models, and the granulated coefficient of Jiang et al. 2020 (tau within groups that differ in one factor only, averaged "
                + "per factor, then over factors); cmi is Jiang et al.'s normalised conditional mutual information between the signs of "
                + "the measure's and the gap's differences over pairs of models (0: no information, 1: the sign of one gives the "
                + "other), unconditioned, and its minimum over conditioning on any one factor and any two factors (cmi_min_2, the "
                + "paper's score; empty where no conditioning set leaves the gap's sign undetermined). _low and _high are 95%% "
                + "bootstrap intervals over the models (4,000 resamples of the ranked models with replacement; the CMI's resampled "
                + "values are biased upward, so its interval shows stability, not a test against zero). %s", r.models(), r.leftOut(), r.gap(), String.join(", ", r.factors()),
                r.provenance().command()));
        List<String[]> text = new ArrayList<>();
        for (Object[] row : rows(r)) {
            String[] s = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                s[i] = row[i] instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(row[i]);
            }
            text.add(s);
        }
        page.heading("Ranking");
        page.table(header(r), text);
        page.heading("Measure against gap");
        for (Ranking.MeasureRank m : r.measures()) {
            page.figure(scatter(m, r.gap()),
                    String.format(Locale.ROOT, "tau = %.3f [%.3f, %.3f], granulated = %.3f [%.3f, %.3f], %d models", m.kendallTau(),
                            m.kendallTauInterval().low(), m.kendallTauInterval().high(), m.granulated(), m.granulatedInterval().low(),
                            m.granulatedInterval().high(), m.models()));
        }
        return page;
    }
}
