package org.gengeo.rank;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.report.Reports;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;
import org.gengeo.sweep.ResultsTable;

/**
 * The report of a sweep directory ({@code results.csv}, written by {@code gengeo sweep}): the table
 * of all models, the measures ranked by |Kendall tau| with the generalization gap
 * (train minus test accuracy; {@link Ranking}, which also gives the granulated coefficient of Jiang
 * et al. 2020), and one scatter plot of measure against gap per measure.
 */
public final class SweepReport {
    private static final int W = 460;
    private static final int H = 320;

    private SweepReport() {}

    /** The measures of {@code r} by decreasing |tau|; a measure whose tau is undefined comes last. */
    static List<Ranking.MeasureRank> byAbsTau(Ranking r) {
        return r.measures().stream().sorted(Comparator.comparingDouble((Ranking.MeasureRank m) ->
                Double.isNaN(m.kendallTau()) ? -1 : Math.abs(m.kendallTau())).reversed()).toList();
    }

    /** Whether {@code dir} is a sweep directory (it has {@code results.csv}). */
    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(ResultsTable.FILE));
    }

    /** Writes {@code DIR/report.html} for the sweep in {@code dir}; returns that file. */
    public static Path write(Path dir, String command) {
        return Reports.save(page(dir, Provenance.current(command)), dir);
    }

    /** The report page of the sweep in {@code dir}. */
    public static HtmlPage page(Path dir, Provenance provenance) {
        Path results = dir.resolve(ResultsTable.FILE);
        HtmlPage page = new HtmlPage("Sweep report: " + dir);
        CsvFile table = page.readOrNote(results, () -> CsvFile.read(results));
        if (table != null) {
            models(page, table, results);
            Ranking ranking = null;
            try {
                ranking = Ranking.of(table, results.toString(), "gap_acc", provenance.command());
            } catch (GengeoException e) {
                page.paragraph("No ranking: " + e.getMessage());
            }
            if (ranking != null) {
                ranking(page, ranking);
            }
        }
        page.about(provenance);
        return page;
    }

    /**
     * The models' table: config columns that every model shares are named once above it instead of
     * repeated per row; numbers are shown to six significant digits.
     */
    private static void models(HtmlPage page, CsvFile table, Path results) {
        int outcome = table.header().indexOf("outcome");
        List<Integer> shown = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            int col = c;
            boolean constant = c > 0 && c < outcome && table.rows().stream().map(r -> r.get(col)).distinct().count() == 1;
            if (constant) {
                common.add(table.header().get(c) + " " + table.rows().get(0).get(c));
            } else {
                shown.add(c);
            }
        }
        page.heading("Models");
        page.paragraph(table.rows().size() + " models from " + results + (common.isEmpty() ? "." : "; all with " + String.join(", ", common)
                + "."));
        List<String[]> rows = new ArrayList<>();
        for (List<String> r : table.rows()) {
            rows.add(shown.stream().map(c -> number(r.get(c))).toArray(String[]::new));
        }
        page.table(shown.stream().map(table.header()::get).toArray(String[]::new), rows);
    }

    /** A number to six significant digits; other text as it is. */
    static String number(String cell) {
        try {
            return Numbers.table(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    private static void ranking(HtmlPage page, Ranking r) {
        List<Ranking.MeasureRank> ranked = byAbsTau(r);
        page.heading("Measures ranked by |Kendall tau| with the generalization gap");
        page.paragraph(String.format(Locale.ROOT, "Gap = train accuracy - test accuracy over %d models (left out: %s). "
                + "Kendall's tau-b over all models; the granulated coefficient averages tau within groups of models that differ in one "
                + "factor only (Jiang et al. 2020); factors: %s.", r.models(), r.leftOut(),
                r.factors().isEmpty() ? "none" : String.join(", ", r.factors())));
        List<String[]> rows = new ArrayList<>();
        int rank = 1;
        for (Ranking.MeasureRank m : ranked) {
            rows.add(new String[] {"" + rank++, m.measure(), f3(m.kendallTau()), f3(Math.abs(m.kendallTau())), f3(m.granulated()),
                "" + m.models()});
        }
        page.table(new String[] {"rank", "measure", "kendall tau", "|tau|", "granulated", "models"}, rows);
        page.heading("Measure against gap");
        for (Ranking.MeasureRank m : ranked) {
            page.figure(RankPage.scatter(m, "gap (train - test accuracy)"), String.format(Locale.ROOT, "%s: tau = %s over %d models.", m.measure(), f3(m.kendallTau()), m.models()));
        }
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
