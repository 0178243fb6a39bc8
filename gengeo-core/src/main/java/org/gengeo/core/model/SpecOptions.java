package org.gengeo.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gengeo.core.GengeoException;

/**
 * The {@code :key=value} (and bare {@code :flag}) options after a named architecture, e.g.
 * {@code resnet20:w=32:in=1x28x28:classes=10} or {@code resnet18:cifar}. Unknown keys, repeated keys and
 * malformed values are errors naming the spec.
 */
final class SpecOptions {
    private static final Pattern SIZE = Pattern.compile("\\d+");
    private static final int MAX_SIZE = 1 << 20;

    private final String spec;
    private final String name;
    private final Map<String, String> values = new LinkedHashMap<>();

    private SpecOptions(String spec, String name) {
        this.spec = spec;
        this.name = name;
    }

    /** Splits {@code spec} into its name and options, accepting only {@code allowed} keys. */
    static SpecOptions parse(String spec, Set<String> allowed) {
        String[] parts = spec.split(":", -1);
        SpecOptions o = new SpecOptions(spec, parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = eq < 0 ? parts[i] : parts[i].substring(0, eq);
            if (!allowed.contains(key)) {
                throw new GengeoException("model spec '" + spec + "': unknown option '" + parts[i] + "' (" + parts[0]
                        + " takes " + String.join(", ", allowed) + ")");
            }
            if (o.values.put(key, eq < 0 ? "" : parts[i].substring(eq + 1)) != null) {
                throw new GengeoException("model spec '" + spec + "': option '" + key + "' is given twice");
            }
        }
        return o;
    }

    /** The architecture's name, the part before the first colon. */
    String name() {
        return name;
    }

    /** Whether the bare flag {@code key} is present. */
    boolean flag(String key) {
        String v = values.get(key);
        if (v != null && !v.isEmpty()) {
            throw new GengeoException("model spec '" + spec + "': option '" + key + "' takes no value");
        }
        return v != null;
    }

    /** The positive integer option {@code key}, or {@code fallback}. */
    int size(String key, int fallback) {
        String v = values.get(key);
        return v == null ? fallback : size(spec, v);
    }

    /** The input shape option {@code in=CxHxW}, or {@code fallback}. */
    int[] shape(int[] fallback) {
        String v = values.get("in");
        if (v == null) {
            return fallback;
        }
        String[] dims = v.split("x", -1);
        if (dims.length != 3) {
            throw new GengeoException("model spec '" + spec + "': in=" + v + " must be an image shape CxHxW, e.g. in=3x32x32");
        }
        return new int[] {size(spec, dims[0]), size(spec, dims[1]), size(spec, dims[2])};
    }

    /** A positive integer size token of {@code spec}, at most 2^20. */
    static int size(String spec, String token) {
        if (!SIZE.matcher(token).matches()) {
            throw new GengeoException("model spec '" + spec + "': '" + token + "' is not a positive integer");
        }
        int v;
        try {
            v = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1 || v > MAX_SIZE) {
            throw new GengeoException("model spec '" + spec + "': size '" + token + "' must be between 1 and " + MAX_SIZE);
        }
        return v;
    }
}
