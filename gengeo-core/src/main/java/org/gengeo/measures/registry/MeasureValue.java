package org.gengeo.measures.registry;

import java.util.Map;

/**
 * What a measure computed.
 *
 * @param value   the scalar that is ranked against the generalization gap
 * @param details further named numbers (per-layer values, intermediate quantities), in a stable order
 */
public record MeasureValue(double value, Map<String, Double> details) {
    /** A value with no details. */
    public static MeasureValue of(double value) {
        return new MeasureValue(value, Map.of());
    }
}
