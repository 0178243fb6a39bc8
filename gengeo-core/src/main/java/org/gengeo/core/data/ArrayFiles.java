package org.gengeo.core.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.DType;
import org.gengeo.core.io.FileHashes;
import org.gengeo.core.io.Npy;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.TensorData;

/**
 * A data set given as array files ({@code --train FILE --test FILE}) instead of a built-in name.
 * Each of the two specifications is one of
 * <ul>
 *   <li>{@code FILE.npz}: a NumPy archive with arrays {@code x} and {@code y};</li>
 *   <li>{@code FILE.safetensors}: tensors {@code x} and {@code y};</li>
 *   <li>{@code X.npy,Y.npy}: two NumPy arrays, features then labels.</li>
 * </ul>
 * Features {@code x} are {@code [N, C, H, W]} or {@code [N, D]}, float32 (taken as they are; every
 * value must be finite) or uint8 (divided by 255, as the built-in image sets); labels {@code y} are
 * int64 (int32 accepted) {@code [N]} in 0..{@value #MAX_CLASSES}. Train and test must have the same
 * sample shape; the number of classes is one more than the largest label of either set.
 */
final class ArrayFiles {
    /** Largest number of classes accepted. */
    static final int MAX_CLASSES = 100_000;

    private ArrayFiles() {}

    /** The training and test pools, with the SHA-256 of each file read recorded in {@code hashes}. */
    static Dataset[] read(String name, String trainSpec, String testSpec, Map<String, String> hashes) {
        Raw train = raw(trainSpec, hashes);
        Raw test = raw(testSpec, hashes);
        if (!Arrays.equals(train.sampleShape, test.sampleShape)) {
            throw new GengeoException(testSpec + ": examples of shape " + Arrays.toString(test.sampleShape)
                    + " differ from the training file's " + Arrays.toString(train.sampleShape));
        }
        int classes = Math.max(max(train.labels), max(test.labels)) + 1;
        return new Dataset[] {new Dataset(name, train.sampleShape, train.features, train.labels, classes),
            new Dataset(name, test.sampleShape, test.features, test.labels, classes)};
    }

    private record Raw(int[] sampleShape, float[] features, int[] labels) {}

    private static Raw raw(String spec, Map<String, String> hashes) {
        Map<String, TensorData> arrays = new LinkedHashMap<>();
        List<String> parts = List.of(spec.split(",", -1));
        if (parts.size() == 2) {
            Path x = Path.of(parts.get(0));
            Path y = Path.of(parts.get(1));
            requireSuffix(x, ".npy", spec);
            requireSuffix(y, ".npy", spec);
            arrays.put("x", Npy.read(x));
            arrays.put("y", Npy.read(y));
            hashes.put(x.toString(), FileHashes.sha256(x));
            hashes.put(y.toString(), FileHashes.sha256(y));
        } else if (parts.size() == 1 && spec.endsWith(".npz")) {
            arrays.putAll(Npy.readArchive(Path.of(spec)));
            hashes.put(spec, FileHashes.sha256(Path.of(spec)));
        } else if (parts.size() == 1 && spec.endsWith(".safetensors")) {
            arrays.putAll(Safetensors.read(Path.of(spec)).tensors());
            hashes.put(spec, FileHashes.sha256(Path.of(spec)));
        } else {
            throw new GengeoException(spec + ": expected FILE.npz, FILE.safetensors or X.npy,Y.npy");
        }
        TensorData x = arrays.get("x");
        TensorData y = arrays.get("y");
        if (x == null || y == null) {
            throw new GengeoException(spec + ": needs arrays 'x' (features) and 'y' (labels); it has " + arrays.keySet());
        }
        return new Raw(sampleShape(x, y, spec), features(x, spec), labels(y, spec));
    }

    private static void requireSuffix(Path p, String suffix, String spec) {
        if (!p.toString().endsWith(suffix)) {
            throw new GengeoException(spec + ": a pair of files must be two " + suffix + " arrays, got " + p);
        }
    }

    private static int[] sampleShape(TensorData x, TensorData y, String spec) {
        long[] s = x.shape();
        if (s.length != 2 && s.length != 4) {
            throw new GengeoException(spec + ": features 'x' of shape " + Arrays.toString(s) + " must be [N, C, H, W] or [N, D]");
        }
        if (y.shape().length != 1 || y.shape()[0] != s[0]) {
            throw new GengeoException(spec + ": labels 'y' of shape " + Arrays.toString(y.shape()) + " must be [" + s[0]
                    + "], one per example of 'x'");
        }
        if (s[0] == 0) {
            throw new GengeoException(spec + ": no examples");
        }
        int[] out = new int[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            if (s[i] < 1) {
                throw new GengeoException(spec + ": features 'x' of shape " + Arrays.toString(s) + " have an empty dimension");
            }
            out[i - 1] = (int) s[i];
        }
        return out;
    }

    private static float[] features(TensorData x, String spec) {
        if (x.dtype() == DType.U8) {
            float[] f = x.toFloatArray();
            for (int i = 0; i < f.length; i++) {
                f[i] /= 255f;
            }
            return f;
        }
        if (x.dtype() != DType.F32) {
            throw new GengeoException(spec + ": features 'x' are " + x.dtype() + "; expected float32 or uint8");
        }
        float[] f = x.toFloatArray();
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                throw new GengeoException(spec + ": features 'x' hold a non-finite value at flat index " + i);
            }
        }
        return f;
    }

    private static int[] labels(TensorData y, String spec) {
        if (y.dtype() != DType.I64 && y.dtype() != DType.I32) {
            throw new GengeoException(spec + ": labels 'y' are " + y.dtype() + "; expected int64");
        }
        double[] d = y.toDoubleArray();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0 || d[i] >= MAX_CLASSES) {
                throw new GengeoException(spec + ": label " + (long) d[i] + " of example " + i + " is outside 0.." + (MAX_CLASSES - 1));
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    private static int max(int[] labels) {
        int m = 0;
        for (int y : labels) {
            m = Math.max(m, y);
        }
        return m;
    }
}
