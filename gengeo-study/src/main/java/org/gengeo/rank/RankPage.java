package org.gengeo.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gengeo.core.io.CsvTable;
import org.gengeo.report.svg.HtmlPage;
import org.gengeo.report.svg.ScatterChart;

/** The ranking as a CSV table and as an HTML page with one scatter plot (measure against gap) per measure. */
public final class RankPage {
    private static final int W = 460;
    private static final int H = 320;

    private RankPage() {}

    /** Header and rows: measure, tau, models, Psi, then psi_i for each factor. */
    static List<Object[]> rows(Ranking r) {
        List<Object[]> rows = new ArrayList<>();
        for (Ranking.MeasureRank m : r.measures()) {
            List<Object> row = new ArrayList<>(List.of(m.measure(), m.kendallTau(), m.models(), m.granulated()));
            for (String f : r.factors()) {
                row.add(m.perFactor().get(f).mean());
            }
            rows.add(row.toArray());
        }
        return rows;
    }

    static String[] header(Ranking r) {
        List<String> h = new ArrayList<>(List.of("measure", "kendall_tau", "models", "granulated"));
        r.factors().forEach(f -> h.add("psi_" + f));
        return h.toArray(new String[0]);
    }

    /** The CSV table. */
    public static CsvTable table(Ranking r) {
        CsvTable t = new CsvTable(header(r));
        rows(r).forEach(t::row);
        return t;
    }

    /** The HTML page. */
    public static String page(Ranking r) {
        HtmlPage page = new HtmlPage("Generalization measures ranked: " + r.results());
        page.paragraph(String.format(Locale.ROOT, "%d models (%d diverged ones left out); gap = %s; factors: %s. Kendall's tau over all "
                + "models, and the granulated coefficient of Jiang et al. 2020 (tau within groups that differ in one factor only, averaged "
                + "per factor, then over factors). %s", r.models(), r.diverged(), r.gap(), String.join(", ", r.factors()),
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
            page.figure(new ScatterChart(m.measure(), m.measure(), r.gap()).add("models", m.values(), m.gaps()).toSvg(W, H),
                    String.format(Locale.ROOT, "tau = %.3f, granulated = %.3f, %d models", m.kendallTau(), m.granulated(), m.models()));
        }
        return page.toHtml();
    }
}
