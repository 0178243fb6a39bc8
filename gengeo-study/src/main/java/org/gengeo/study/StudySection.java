package org.gengeo.study;

import java.util.ArrayList;
import org.gengeo.report.chart.Chart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.CsvTable;
import org.gengeo.findings.Rule;

/**
 * One experiment's results on one seed: a description, figures, a CSV table of every number
 * plotted, a JSON summary, and the effects the paper's claims are about (one number each, with the
 * rule that judges it), which a study turns into {@link org.gengeo.findings.Finding}s over its seeds.
 */
public final class StudySection {
    private final String name;
    private final String title;
    private final String description;
    private final CsvTable table;
    private final List<Chart<?>> figures = new ArrayList<>();
    private final List<Effect> effects = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    /**
     * One claim's number on one seed.
     *
     * @param id       stable identifier within the study
     * @param claim    the paper's statement
     * @param paper    the paper's number or direction
     * @param quantity what {@code value} is
     * @param value    the number on this seed
     * @param rule     the side of a threshold the paper puts it on
     * @param measured the numbers behind it, in words
     */
    public record Effect(String id, String claim, String paper, String quantity, double value, Rule rule, String measured) {}

    /** A section named {@code name} (its CSV is {@code name.csv}). */
    public StudySection(String name, String title, String description, CsvTable table) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.table = table;
    }

    public StudySection figure(Chart<?> chart) {
        figures.add(chart);
        return this;
    }

    /** Adds an effect (see {@link Effect}). */
    public StudySection effect(String id, String claim, String paper, String quantity, double value, Rule rule, String measured) {
        effects.add(new Effect(id, claim, paper, quantity, value, rule, measured));
        return this;
    }

    public StudySection summary(String key, Object value) {
        summary.put(key, value);
        return this;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public CsvTable table() {
        return table;
    }

    public List<Chart<?>> figures() {
        return figures;
    }

    public List<Effect> effects() {
        return effects;
    }

    public Map<String, Object> summary() {
        return summary;
    }
}
