package org.gengeo.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Json;
import org.gengeo.measures.registry.Measure;
import org.gengeo.measures.registry.MeasureParameters;
import org.gengeo.measures.registry.MeasureRegistry;
import org.gengeo.train.TrainConfig;

/**
 * A sweep file, read and checked in full before anything is trained. Its keys are those of
 * {@code gengeo train} without dashes:
 * <pre>
 * name: zoo-small
 * base: {data: fashion-mnist, model: "mlp:784-100-10", epochs: 5}
 * grid: {batch: [32, 256], lr: [0.01, 0.1]}        # cartesian product, last key fastest
 * runs: [{batch: 64, lr: 0.05, dropout: 0.2}]      # extra single configs (on top of base)
 * measures: [frobenius-norm, {name: hessian-top, samples: 500}]
 * </pre>
 * Every config is base, then one grid combination (or one run entry), applied to the training
 * defaults. An unknown key, a value of the wrong type, a config that {@code gengeo train} would
 * refuse, an unknown measure or parameter is a one-line error naming the file, the line and the key.
 *
 * @param name     the sweep's name
 * @param configs  the models, grid combinations first, then the runs; duplicates removed
 * @param columns  the config keys that appear in base, grid or runs (the table's config columns)
 * @param measures the measures to compute on each model, in the registry's order
 * @param parameters each measure's parameter overrides
 */
public record SweepPlan(String name, List<SweepConfig> configs, List<String> columns, List<Measure> measures,
                        Map<String, Map<String, Double>> parameters) {
    private static final Set<String> TOP = Set.of("name", "base", "grid", "runs", "measures");
    /** Keys a sweep fixes itself: where runs go and how they are resumed are the sweep's business. */
    private static final Set<String> FORBIDDEN = Set.of("out", "resume", "json");
    private static final String PRESETS = "/org/gengeo/sweep/";
    /** Keys whose values are spec strings, parsed where they are written (see {@link TrainConfig#validateSpecs}). */
    private static final Set<String> SPECS = Set.of("model", "activation", "init", "dtype");

    /** Reads and checks a sweep file. */
    public static SweepPlan read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GengeoException(file + ": cannot read the sweep file: " + e.getMessage());
        }
    }

    /** The built-in sweep called {@code name} (e.g. zoo-small). */
    public static SweepPlan preset(String name) {
        try (InputStream in = SweepPlan.class.getResourceAsStream(PRESETS + name + ".yaml")) {
            if (in == null) {
                throw new GengeoException("unknown sweep preset '" + name + "' (known: zoo-small, zoo-ce, zoo-large, margin-zoo, margin-zoo-quick, margin-zoo-resnet, margin-zoo-tiny)");
            }
            return parse("preset " + name + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GengeoException("cannot read the sweep preset " + name + ": " + e.getMessage());
        }
    }

    /** Parses and checks the text of a sweep file called {@code file}. */
    public static SweepPlan parse(String file, String text) {
        SourceLines src = SourceLines.parse(file, text);
        JsonNode root = src.root();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw src.error("/" + k, "unknown sweep key (a sweep file has name, base, grid, runs and measures)");
            }
        }
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        Map<String, Object> base = options(src, root.get("base"), "/base", columns);
        List<TrainConfig> configs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        JsonNode grid = root.get("grid");
        if (grid != null) {
            for (Map<String, Object> combination : grid(src, grid, columns)) {
                Map<String, Object> all = new LinkedHashMap<>(base);
                all.putAll(combination);
                configs.add(config(src, all, "/grid", combination.toString()));
                sources.add("/grid");
            }
        }
        JsonNode runs = root.get("runs");
        if (runs != null) {
            if (!runs.isArray()) {
                throw src.error("/runs", "must be a list of option mappings");
            }
            for (int i = 0; i < runs.size(); i++) {
                Map<String, Object> all = new LinkedHashMap<>(base);
                all.putAll(options(src, runs.get(i), "/runs/" + i, columns));
                configs.add(config(src, all, "/runs/" + i, "entry " + (i + 1)));
            }
        }
        if (configs.isEmpty()) {
            configs.add(config(src, base, "/base", "the base config"));
        }
        Map<String, Map<String, Double>> parameters = new LinkedHashMap<>();
        List<Measure> measures = measures(src, root.get("measures"), parameters);
        List<String> columnList = List.copyOf(columns);
        Map<String, SweepConfig> unique = new LinkedHashMap<>();
        for (TrainConfig c : configs) {
            SweepConfig s = SweepConfig.of(c, columnList);
            unique.putIfAbsent(s.id(), s);
        }
        String name = root.hasNonNull("name") ? root.get("name").asText() : Path.of(file).getFileName().toString();
        return new SweepPlan(name, List.copyOf(unique.values()), columnList, measures, parameters);
    }

    /** A mapping of training options, each key and value checked on its own (so the error names the key's line). */
    private static Map<String, Object> options(SourceLines src, JsonNode node, String at, Set<String> columns) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw src.error(at, "must be a mapping of training options (keys = gengeo train flags without dashes)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object value = Json.MAPPER.convertValue(e.getValue(), Object.class);
            check(src, at + "/" + e.getKey(), at + "/" + e.getKey(), e.getKey(), value);
            out.put(e.getKey(), value);
            columns.add(e.getKey());
        }
        return out;
    }

    /** Checks a key (errors at {@code keyPointer}) and one of its values (errors at {@code valuePointer}). */
    private static void check(SourceLines src, String keyPointer, String valuePointer, String key, Object value) {
        if (FORBIDDEN.contains(key)) {
            throw src.error(keyPointer, "'" + key + "' is set by the sweep itself (each model goes to OUT/runs/ID)");
        }
        if (!TrainConfig.keys().contains(key)) {
            throw src.error(keyPointer, "unknown training option (see gengeo train --help)");
        }
        String pointer = valuePointer;
        try {
            TrainConfig one = TrainConfig.defaults().with(key, value);
            if (SPECS.contains(key)) {
                one.validateSpecs();
            }
        } catch (GengeoException e) {
            throw src.error(pointer, e.getMessage());
        }
    }

    /** The cartesian product of the grid's value lists, last key fastest. */
    private static List<Map<String, Object>> grid(SourceLines src, JsonNode grid, Set<String> columns) {
        if (!grid.isObject()) {
            throw src.error("/grid", "must map training options to lists of values");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String pointer = "/grid/" + e.getKey();
            JsonNode values = e.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw src.error(pointer, "a grid key needs a non-empty list of values, e.g. [0.01, 0.1]");
            }
            columns.add(e.getKey());
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (int i = 0; i < values.size(); i++) {
                    Object value = Json.MAPPER.convertValue(values.get(i), Object.class);
                    check(src, pointer, pointer + "/" + i, e.getKey(), value);
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The full config, validated as gengeo train would validate it. */
    private static TrainConfig config(SourceLines src, Map<String, Object> options, String at, String what) {
        try {
            return TrainConfig.defaults().with("threads", 1).with(options).validate();
        } catch (GengeoException e) {
            throw src.error(at, what + ": " + e.getMessage());
        }
    }

    private static List<Measure> measures(SourceLines src, JsonNode node, Map<String, Map<String, Double>> parameters) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw src.error("/measures", "must be a list of measure names or {name: ..., parameter: value} mappings");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String at = "/measures";
            try {
                if (m.isTextual()) {
                    names.add(MeasureRegistry.get(m.asText()).name());
                } else if (m.isObject() && m.hasNonNull("name")) {
                    at = "/measures/" + i + "/name";
                    Measure measure = MeasureRegistry.get(m.get("name").asText());
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (!e.getKey().equals("name")) {
                            at = "/measures/" + i + "/" + e.getKey();
                            if (!e.getValue().isNumber()) {
                                throw new GengeoException("a measure parameter must be a number");
                            }
                            values.put(e.getKey(), e.getValue().asDouble());
                        }
                    }
                    MeasureParameters.of(measure, values);
                    parameters.put(measure.name(), values);
                    names.add(measure.name());
                } else {
                    throw new GengeoException("entry " + (i + 1) + " is neither a measure name nor a mapping with a name");
                }
            } catch (GengeoException e) {
                throw src.error(at, e.getMessage());
            }
        }
        return names.isEmpty() ? List.of() : MeasureRegistry.parseList(String.join(",", names));
    }
}
