package org.gengeo.measures.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gengeo.core.GengeoException;

/** The parameter values of one measure: its defaults overridden by what the user gave, each checked. */
public final class MeasureParameters {
    private final Map<String, Double> values;

    private MeasureParameters(Map<String, Double> values) {
        this.values = values;
    }

    /**
     * The parameters of {@code measure}: the defaults with {@code overrides} applied. An unknown key,
     * a value below the minimum or a fraction where a whole number is needed is a one-line error.
     */
    public static MeasureParameters of(Measure measure, Map<String, Double> overrides) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (MeasureParameter p : measure.parameters()) {
            v.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            MeasureParameter p = measure.parameters().stream().filter(q -> q.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new GengeoException("measure '" + measure.name() + "' has no parameter '" + e.getKey()
                            + "'" + (measure.parameters().isEmpty() ? "" : " (it has " + String.join(", ",
                            measure.parameters().stream().map(MeasureParameter::name).toList()) + ")")));
            double x = e.getValue();
            if (!(x >= p.min()) || (p.integer() && x != Math.rint(x))) {
                throw new GengeoException("measure '" + measure.name() + "': parameter '" + p.name() + "' must be "
                        + (p.integer() ? "a whole number " : "") + "at least " + p.min() + ", got " + x);
            }
            v.put(p.name(), x);
        }
        return new MeasureParameters(v);
    }

    public double get(String name) {
        Double x = values.get(name);
        if (x == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return x;
    }

    public int getInt(String name) {
        return (int) get(name);
    }

    /** All values, sorted by name (for records and hashes). */
    public Map<String, Double> asMap() {
        return new TreeMap<>(values);
    }
}
