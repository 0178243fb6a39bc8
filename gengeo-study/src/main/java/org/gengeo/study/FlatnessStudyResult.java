package org.gengeo.study;

import java.util.List;
import org.gengeo.core.Provenance;
import org.gengeo.findings.Finding;

/**
 * {@code flatness.json}: every network of the study, the rank correlations of each measure with
 * test accuracy per optimiser, and the paper's findings checked against them (also written alone as
 * {@code findings.json}).
 */
public record FlatnessStudyResult(Provenance provenance, FlatnessStudyOptions options, List<FlatnessRow> rows,
                                  List<Correlation> correlations, List<Finding> findings, double wallS) {
    /** Kendall tau-b of one measure with test accuracy over one optimiser's networks, or over all of them (optimiser "all"). */
    public record Correlation(String optimiser, String measure, double kendallTau, int networks) {}
}
