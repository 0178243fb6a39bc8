package org.gengeo.study;

import java.util.List;
import java.util.Map;
import org.gengeo.core.Provenance;
import org.gengeo.findings.Finding;

/**
 * {@code temporal.json}: every measurement of the temporal flatness experiment and the paper's findings checked
 * against them (also written alone as {@code findings.json}).
 *
 * @param dataSource where S and E came from, as the runs recorded it ({@code embedded}: the subset shipped in gengeo)
 * @param fitEpochs epochs each kept seed needed to fit S
 * @param leftOut   the seeds that did not fit S within the cap, with their outcome
 */
public record FlatnessTemporalResult(Provenance provenance, FlatnessTemporalOptions options, String dataSource,
                                     Map<Integer, Integer> fitEpochs,
                                     List<String> leftOut, List<TemporalPoint> points, List<Finding> findings, double wallS) {}
