package org.gengeo.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.gengeo.core.io.Json;
import org.gengeo.train.TrainConfig;

/**
 * One model of a sweep: its full training config and the values of the sweep's factor columns.
 *
 * @param id      a stable name: the first 12 hex digits of the SHA-256 of the config's canonical JSON
 *                (keys sorted, the thread count left out, since it changes where a run executes, not
 *                what it is)
 * @param config  the full training config
 * @param factors value of every column key of the sweep, as the config holds it
 */
public record SweepConfig(String id, TrainConfig config, Map<String, Object> factors) {
    /** The config with its id and the values of {@code columns}. */
    static SweepConfig of(TrainConfig config, Iterable<String> columns) {
        Map<String, Object> all = config.asMap();
        Map<String, Object> factors = new java.util.LinkedHashMap<>();
        for (String c : columns) {
            factors.put(c, all.get(c));
        }
        return new SweepConfig(id(config), config, factors);
    }

    /** The stable id of a config (see the record comment). */
    static String id(TrainConfig config) {
        Map<String, Object> canonical = new TreeMap<>(config.asMap());
        canonical.remove("threads");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Json.line(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
