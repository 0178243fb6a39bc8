package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Network;

/**
 * Named per-parameter buffers of an optimiser (momentum, first and second moments), created as
 * zeros beside the parameters and kept outside every temporary scope. The name of the buffer for
 * parameter p is {@code kind + "." + p}, e.g. {@code momentum.fc0.weight}.
 */
final class OptimizerState {
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    /** Zero buffers of the given kinds for every parameter of {@code network}. */
    OptimizerState(Network network, String... kinds) {
        for (String kind : kinds) {
            for (Map.Entry<String, NDArray> p : network.parameters().entrySet()) {
                NDArray z = network.manager().zeros(p.getValue().getShape(), p.getValue().getDataType());
                NDScope.unregister(z);
                buffers.put(kind + "." + p.getKey(), z);
            }
        }
    }

    /** The buffer {@code kind} of the i-th parameter. */
    NDArray get(String kind, String parameter) {
        return buffers.get(kind + "." + parameter);
    }

    /** A copy of every buffer as a file tensor. */
    Map<String, TensorData> snapshot() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        buffers.forEach((name, array) -> out.put(name, Network.tensorOf(array)));
        return out;
    }

    /** Copies saved values into the buffers, checking shapes. */
    void restore(Map<String, TensorData> saved) {
        for (Map.Entry<String, NDArray> b : buffers.entrySet()) {
            TensorData t = saved.get(b.getKey());
            if (t == null) {
                continue;
            }
            NDArray target = b.getValue();
            if (!new Shape(t.shape()).equals(target.getShape())) {
                throw new GengeoException("checkpoint: optimiser state '" + b.getKey() + "' has the wrong shape");
            }
            NDArray values = target.getManager().create(t.toDoubleArray(), target.getShape())
                    .toType(target.getDataType(), false);
            target.set(values.toByteBuffer());
        }
    }
}
