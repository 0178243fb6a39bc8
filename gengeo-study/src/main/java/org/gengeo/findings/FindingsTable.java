package org.gengeo.findings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.page.Numbers;

/**
 * The table of every finding of one or more studies (claim, paper, gengeo, CI, seeds, verdict), as
 * plain text for the terminal, Markdown for the README and a self-contained HTML page. Each study's
 * settings, commit and command follow its rows, so a table is never read without what ran.
 */
public final class FindingsTable {
    /** Column headers, in order. */
    static final String[] HEADER = {"study", "claim", "paper", "gengeo", "95% CI", "seeds", "verdict"};

    private final List<StudyFindings> studies;

    public FindingsTable(List<StudyFindings> studies) {
        this.studies = List.copyOf(studies);
    }

    /** The table of the findings.json in each of {@code paths} (study directories or the files). */
    public static FindingsTable read(List<Path> paths) {
        return new FindingsTable(paths.stream().map(StudyFindings::read).toList());
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (StudyFindings s : studies) {
            for (Finding f : s.findings()) {
                rows.add(new String[] {s.study(), f.claim(), f.paper(), Numbers.compact(f.measured()) + " (" + f.quantity() + ")",
                        interval(f), Integer.toString(f.seeds()), f.verdict().label()});
            }
        }
        return rows;
    }

    private static String interval(Finding f) {
        if (f.ci() == null) {
            return f.rule().basis().equals("exact") ? "exact" : "none";
        }
        return "[" + Numbers.compact(f.ci()[0]) + ", " + Numbers.compact(f.ci()[1]) + "] over " + f.unit();
    }

    /** Per study: each distinct setting with the ids of the findings that share it, then the commit and command. */
    private List<String> notes() {
        List<String> out = new ArrayList<>();
        for (StudyFindings s : studies) {
            Map<String, List<String>> bySetting = new LinkedHashMap<>();
            for (Finding f : s.findings()) {
                bySetting.computeIfAbsent(f.setting(), k -> new ArrayList<>()).add(f.id());
            }
            for (Map.Entry<String, List<String>> e : bySetting.entrySet()) {
                out.add(s.study() + (bySetting.size() > 1 ? " (" + String.join(", ", e.getValue()) + ")" : "") + ": " + e.getKey());
            }
            out.add(s.study() + ": commit " + s.provenance().gitCommit() + ", command: " + s.provenance().command());
        }
        return out;
    }

    /** Counts of each verdict over all findings, e.g. "5 reproduced, 2 partly". */
    public String tally() {
        Map<Verdict, Integer> n = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            n.put(v, 0);
        }
        studies.forEach(s -> s.findings().forEach(f -> n.merge(f.verdict(), 1, Integer::sum)));
        List<String> parts = new ArrayList<>();
        n.forEach((v, c) -> {
            if (c > 0) {
                parts.add(c + " " + v.label());
            }
        });
        return String.join(", ", parts);
    }

    /** Plain text: one block per finding, then the settings. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (String[] r : rows()) {
            b.append(String.format(Locale.ROOT, "%-14s %-10s %s%n", r[6], r[0], r[1]));
            b.append("    paper:  ").append(r[2]).append('\n');
            b.append("    gengeo: ").append(r[3]).append(", 95% CI ").append(r[4]).append(", seeds ").append(r[5]).append('\n');
        }
        b.append('\n');
        notes().forEach(n -> b.append(n).append('\n'));
        b.append(tally()).append('\n');
        return b.toString();
    }

    /** GitHub Markdown: the table, then the settings as a list. */
    public String markdown() {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", HEADER)).append(" |\n|");
        b.append("---|".repeat(HEADER.length)).append('\n');
        for (String[] r : rows()) {
            b.append("| ");
            for (int i = 0; i < r.length; i++) {
                b.append(r[i].replace("|", "\\|")).append(i + 1 < r.length ? " | " : " |\n");
            }
        }
        b.append('\n');
        notes().forEach(n -> b.append("- ").append(n.replace("|", "\\|")).append('\n'));
        return b.toString();
    }

    /** A self-contained HTML page of the table and the settings. */
    public String html() {
        HtmlPage page = new HtmlPage("Findings");
        addTo(page);
        return page.toHtml();
    }

    /** Adds the tally, the table, what ran and how verdicts are decided to {@code page} (a study's own page, say). */
    public void addTo(HtmlPage page) {
        page.paragraph(tally() + ".");
        page.table(HEADER, rows());
        notes().forEach(page::paragraph);
        page.paragraph("Verdicts follow each finding's rule in findings.json: the paper's side of a threshold; reproduced when the "
                + "whole 95% bootstrap interval is on it, contradicted when the whole interval is on the other side, otherwise "
                + "partly or not reproduced by the estimate's side; a single seed gives at most partly.");
    }
}
