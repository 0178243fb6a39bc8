package org.gengeo.study;

import java.util.ArrayList;
import org.gengeo.report.chart.Chart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.CsvTable;

/**
 * One experiment's results: a description, figures, a CSV table of every number plotted, a
 * JSON summary, and findings (one sentence each, with numbers, saying whether the paper's expectation
 * was reproduced).
 */
public final class StudySection {
    private final String name;
    private final String title;
    private final String description;
    private final CsvTable table;
    private final List<Chart<?>> figures = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    /** A paper's expectation, what was measured, and whether the measurement agrees. */
    public record Finding(String expectation, String measured, boolean reproduced) {}

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

    public StudySection finding(String expectation, String measured, boolean reproduced) {
        findings.add(new Finding(expectation, measured, reproduced));
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

    public List<Finding> findings() {
        return findings;
    }

    public Map<String, Object> summary() {
        return summary;
    }
}
