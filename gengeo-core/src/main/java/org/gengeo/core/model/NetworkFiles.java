package org.gengeo.core.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.DType;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Precision;

/**
 * Model files: safetensors with the parameters under PyTorch's names and, in the header's
 * {@code __metadata__}, {@code gengeo.arch} (the spec string), {@code gengeo.activation},
 * {@code gengeo.dropout} and {@code gengeo.provenance} (JSON). A file written from PyTorch with
 * the first two keys loads here and evaluates identically.
 */
public final class NetworkFiles {
    /** Metadata key of the architecture spec string. */
    public static final String ARCH = "gengeo.arch";
    /** Metadata key of the activation name. */
    public static final String ACTIVATION = "gengeo.activation";
    /** Metadata key of the dropout rate used in training (optional; 0 if absent). */
    public static final String DROPOUT = "gengeo.dropout";
    /** Prefix of checkpoint tensors that are training state (optimiser buffers, counters), not parameters. */
    public static final String STATE_PREFIX = "state.";
    /** Metadata key of the provenance JSON. */
    public static final String PROVENANCE = "gengeo.provenance";

    private NetworkFiles() {}

    /** Writes the network's parameters and metadata (plus {@code extraTensors}, e.g. optimiser state) atomically. */
    public static void save(Path file, Network net, String provenanceJson, Map<String, TensorData> extraTensors,
                            Map<String, String> extraMetadata) {
        Map<String, TensorData> tensors = new LinkedHashMap<>(net.toTensors());
        tensors.putAll(extraTensors);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ARCH, net.architecture().spec());
        meta.put(ACTIVATION, net.activation().label());
        meta.put(DROPOUT, Double.toString(net.dropout()));
        meta.put(PROVENANCE, provenanceJson);
        meta.putAll(extraMetadata);
        Safetensors.write(file, tensors, meta);
    }

    /** Writes the network's parameters and metadata atomically. */
    public static void save(Path file, Network net, String provenanceJson) {
        save(file, net, provenanceJson, Map.of(), Map.of());
    }

    /** Loads a model file in its own precision (float64 if any parameter is F64, else float32). */
    public static Network load(Path file) {
        return load(Safetensors.read(file), null, file.toString());
    }

    /** Loads a model file in the given precision. */
    public static Network load(Path file, Precision precision) {
        return load(Safetensors.read(file), precision, file.toString());
    }

    /**
     * Builds the network described by a parsed file. Tensors named {@code optimizer.*} or
     * {@code state.*} (training state in a checkpoint) are ignored; any other unknown tensor is an error.
     */
    public static Network load(SafetensorsFile parsed, Precision precision, String source) {
        Map<String, String> meta = parsed.metadata();
        String spec = meta.get(ARCH);
        if (spec == null) {
            throw new GengeoException(source + ": no '" + ARCH + "' in the safetensors __metadata__, so the architecture is unknown");
        }
        Architecture arch;
        try {
            arch = Architecture.parse(spec);
        } catch (GengeoException e) {
            throw new GengeoException(source + ": " + e.getMessage());
        }
        Activation activation = Activation.parse(meta.getOrDefault(ACTIVATION, "relu"));
        double dropout = parseDropout(meta.get(DROPOUT), source);
        Map<String, TensorData> params = new LinkedHashMap<>();
        boolean anyF64 = false;
        for (Map.Entry<String, TensorData> e : parsed.tensors().entrySet()) {
            if (!e.getKey().startsWith("optimizer.") && !e.getKey().startsWith(STATE_PREFIX)) {
                if (!e.getKey().endsWith(BatchNorm.BATCHES_TRACKED)) {
                    checkWeights(e.getKey(), e.getValue(), source);
                }
                params.put(e.getKey(), e.getValue());
                anyF64 |= e.getValue().dtype() == DType.F64;
            }
        }
        Precision p = precision != null ? precision : anyF64 ? Precision.FLOAT64 : Precision.FLOAT32;
        return Network.fromTensors(arch, activation, dropout, params, p, source);
    }

    /** Floating-point types a parameter may be stored as. */
    private static final java.util.Set<DType> FLOAT_TYPES = java.util.EnumSet.of(DType.F16, DType.BF16, DType.F32, DType.F64);
    /**
     * Largest magnitude a weight may have: {@code sqrt(Float.MAX_VALUE)} = 1.8e19, beyond which its
     * square (in every norm measure, and in a product of two such weights) overflows float32.
     */
    public static final double MAX_ABS_WEIGHT = Math.sqrt(Float.MAX_VALUE);

    /**
     * Refuses a parameter or buffer that cannot be a trained model's: stored as an integer or
     * boolean type (whose bits would be read as numbers that mean nothing), or holding NaN,
     * infinity or a value of magnitude {@link #MAX_ABS_WEIGHT} or more.
     */
    private static void checkWeights(String name, TensorData t, String source) {
        if (!FLOAT_TYPES.contains(t.dtype())) {
            throw new GengeoException(source + ": tensor '" + name + "' is stored as " + t.dtype()
                    + "; parameters must be a floating-point type (F16, BF16, F32 or F64)");
        }
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!(Math.abs(v[i]) < MAX_ABS_WEIGHT)) {
                throw new GengeoException(source + ": tensor '" + name + "' holds " + v[i] + " at flat index " + i
                        + (Double.isNaN(v[i]) || Double.isInfinite(v[i]) ? "" : ", beyond the largest usable weight magnitude "
                        + String.format(java.util.Locale.ROOT, "%.2g", MAX_ABS_WEIGHT)) + " (a diverged or corrupt model)");
            }
        }
    }

    private static double parseDropout(String text, String source) {
        if (text == null) {
            return 0;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new GengeoException(source + ": metadata " + DROPOUT + " '" + text + "' is not a number");
        }
    }
}
