package org.gengeo.measures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;

/**
 * The alpha-scale transformation of Dinh et al. 2017 ("Sharp minima can generalize for deep nets"),
 * as used by Zhang et al. 2021: for two consecutive layers of a ReLU network, the first layer's
 * weights and biases are multiplied by 1/alpha and the second layer's weights by alpha. Because
 * relu(z / alpha) = relu(z) / alpha for alpha &gt; 0 (and max-pooling and flattening commute with a
 * positive scale), the network computes the same function; but the Hessian block of the first
 * layer's parameters is multiplied by alpha^2 and that of the second layer's weights by 1/alpha^2,
 * so every sharpness measure moves while the function (and its prior volume P(f)) does not.
 */
public final class AlphaScaling {
    private AlphaScaling() {}

    /** How closely two networks' outputs agree on a data set. */
    public record Agreement(double maxAbsDifference, double maxAbsOutput, double relativeDifference, int examples) {}

    /**
     * A new network equal to {@code net} except that layer {@code first}'s weight and bias are
     * multiplied by 1/alpha and layer {@code second}'s weight by alpha. The layers (e.g. fc0, fc1 or
     * conv0, conv1) must be consecutive parametrised layers of a ReLU network.
     */
    public static Network rescale(Network net, String first, String second, double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new GengeoException("--alpha must be a positive number, got " + alpha);
        }
        if (net.activation() != Activation.RELU) {
            throw new GengeoException("alpha-scaling preserves the function only for ReLU networks; this one uses "
                    + net.activation().label());
        }
        if (net.architecture().batchNorm()) {
            throw new GengeoException("alpha-scaling is not defined for batch-norm models (" + net.architecture().spec()
                    + "): a batch norm undoes the 1/alpha of the layer before it");
        }
        if (net.architecture().residual()) {
            throw new GengeoException("alpha-scaling is not defined for residual networks (" + net.architecture().spec()
                    + "): a skip connection adds the unscaled input to the 1/alpha-scaled path");
        }
        List<String> layers = parametrisedLayers(net);
        int i = layers.indexOf(first);
        if (i < 0 || !layers.contains(second)) {
            throw new GengeoException("--layers " + first + "," + second + ": the model's layers are " + String.join(", ", layers));
        }
        if (layers.indexOf(second) != i + 1) {
            throw new GengeoException("--layers " + first + "," + second + ": the two layers must be consecutive (layers are "
                    + String.join(", ", layers) + ")");
        }
        LinkedHashMap<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
            String name = p.getKey();
            double factor = name.startsWith(first + ".") ? 1 / alpha : name.equals(second + ".weight") ? alpha : 1;
            double[] v = Tensors.doubles(p.getValue());
            for (int k = 0; k < v.length; k++) {
                v[k] *= factor;
            }
            long[] shape = p.getValue().getShape().getShape();
            tensors.put(name, TensorData.ofDoubles(shape, v, net.precision() == Precision.FLOAT64));
        }
        return Network.fromTensors(net.architecture(), net.activation(), net.dropout(), tensors, net.precision(),
                "alpha-scaled copy");
    }

    /** Names of the layers with parameters, in forward order (conv0, conv1, ..., fc0, fc1, ...). */
    public static List<String> parametrisedLayers(Network net) {
        List<String> out = new ArrayList<>();
        for (LayerSpec.Weighted l : net.architecture().weightedLayers()) {
            out.add(l.name());
        }
        return out;
    }

    /** max |f_a(x) - f_b(x)| over the outputs on {@code data}, with max |f_a(x)| for scale. */
    public static Agreement compare(Network a, Network b, Dataset data) {
        double maxDiff = 0;
        double maxOut = 0;
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData d = new DeviceData(data, memory, a.precision());
            for (int from = 0; from < d.size(); from += Evaluation.CHUNK) {
                int to = Math.min(d.size(), from + Evaluation.CHUNK);
                try (NDScope scope = new NDScope()) {
                    Batch batch = d.slice(from, to);
                    double[] fa = Tensors.doubles(a.forward(batch.x(), ForwardPass.inference()));
                    double[] fb = Tensors.doubles(b.forward(batch.x(), ForwardPass.inference()));
                    for (int k = 0; k < fa.length; k++) {
                        maxDiff = Math.max(maxDiff, Math.abs(fa[k] - fb[k]));
                        maxOut = Math.max(maxOut, Math.abs(fa[k]));
                    }
                }
            }
        }
        return new Agreement(maxDiff, maxOut, maxOut > 0 ? maxDiff / maxOut : maxDiff, data.size());
    }
}
