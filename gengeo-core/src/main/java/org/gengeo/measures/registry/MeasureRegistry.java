package org.gengeo.measures.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;

/**
 * Every measure gengeo knows, by name. To add one: write a class implementing {@link Measure} and
 * add an instance to {@link #ALL}; {@code gengeo measure}, sweeps and {@code gengeo rank} pick it up.
 */
public final class MeasureRegistry {
    /** The measures, in the order they are listed and computed (cheapest first). */
    public static final List<Measure> ALL = List.of(
            new FrobeniusNorm(),
            new SpectralNorm(),
            new ProductOfSpectralNorms(),
            new SumOfFrobeniusNorms(),
            new PathNorm(),
            new DistanceFromInit(),
            new StableRank(),
            new PowerLawAlpha(),
            new MarginArea(),
            new MarginSignatureFeatures(),
            new CoherenceAtEnd(),
            new KeskarSharpness(),
            new LogPriorVolume(),
            new PacBayesSharpness(),
            new HessianTop(),
            new HessianTrace(),
            new HessianEffectiveDimension(),
            new DualSharpTerm());

    private static final Map<String, Measure> BY_NAME = new LinkedHashMap<>();

    static {
        for (Measure m : ALL) {
            if (BY_NAME.put(m.name(), m) != null) {
                throw new IllegalStateException("two measures named " + m.name());
            }
        }
    }

    private MeasureRegistry() {}

    /** The measure called {@code name}; an unknown name is a one-line error listing the known ones. */
    public static Measure get(String name) {
        Measure m = BY_NAME.get(name);
        if (m == null) {
            throw new GengeoException("unknown measure '" + name + "' (known: " + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return m;
    }

    /** The measures named in a comma-separated list, in the registry's order, each once. */
    public static List<Measure> parseList(String commaSeparated) {
        List<String> names = Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new GengeoException("no measure named (give a comma-separated list such as frobenius-norm,hessian-top)");
        }
        List<Measure> out = new ArrayList<>();
        for (String n : names) {
            get(n);
        }
        for (Measure m : ALL) {
            if (names.contains(m.name())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Parameter overrides written {@code measure.key=value} (e.g. {@code hessian-top.samples=500}),
     * grouped by measure; every measure, key and value is checked.
     */
    public static Map<String, Map<String, Double>> parseParameters(List<String> specs) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int dot = spec.indexOf('.');
            int eq = spec.indexOf('=');
            if (dot < 1 || eq < dot + 2) {
                throw new GengeoException("measure parameter '" + spec + "' is not MEASURE.KEY=VALUE (e.g. hessian-top.samples=500)");
            }
            String measure = spec.substring(0, dot);
            double value;
            try {
                value = Double.parseDouble(spec.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new GengeoException("measure parameter '" + spec + "': '" + spec.substring(eq + 1) + "' is not a number");
            }
            out.computeIfAbsent(measure, k -> new LinkedHashMap<>()).put(spec.substring(dot + 1, eq).trim(), value);
        }
        out.forEach((name, values) -> MeasureParameters.of(get(name), values));
        return out;
    }
}
