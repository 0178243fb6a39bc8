package org.gengeo.measures.registry;

import java.util.Map;
import org.gengeo.core.Provenance;

/**
 * {@code measures.json}: the measures computed on one run, by name.
 *
 * @param run      the run directory
 * @param measures each measure's result, in the registry's order
 */
public record MeasuresRecord(String run, Map<String, Entry> measures) {
    /**
     * One measure's result.
     *
     * @param value       the ranked scalar
     * @param details     further named numbers
     * @param parameters  the parameter values used
     * @param data        none, train or test
     * @param wallS       seconds spent
     * @param provenance  code, engine and command that computed it
     */
    public record Entry(double value, Map<String, Double> details, Map<String, Double> parameters, String data, double wallS,
                        Provenance provenance) {}
}
