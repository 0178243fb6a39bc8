package org.gengeo.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.gengeo.core.data.Dataset;

/**
 * A data set copied once into engine memory (features [n, d] in the model's precision, labels
 * int64, held as [n, 1]), from which minibatches are gathered by index without touching the Java heap again.
 */
public final class DeviceData {
    private final NDArray features;
    private final NDArray labels;
    private final int size;

    /** Copies {@code data} into {@code manager}'s memory. */
    public DeviceData(Dataset data, NDManager manager, Precision precision) {
        this.size = data.size();
        NDArray f = manager.create(data.features(), new Shape(size, data.featureSize()));
        this.features = precision == Precision.FLOAT32 ? f : f.toType(precision.dataType(), false);
        long[] y = new long[size];
        for (int i = 0; i < size; i++) {
            y[i] = data.labels()[i];
        }
        this.labels = manager.create(y, new Shape(size, 1));
        NDScope.unregister(f, features, labels);
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** The examples at {@code indices}, in that order (arrays in the current scope). */
    public Batch gather(long[] indices) {
        NDArray idx = features.getManager().create(indices);
        return new Batch(Ops.rows(features, idx), Ops.rows(labels, idx).reshape(indices.length));
    }

    /** Examples [from, to) as views. */
    public Batch slice(int from, int to) {
        return new Batch(features.get(from + ":" + to), labels.get(from + ":" + to).reshape(to - from));
    }

}
