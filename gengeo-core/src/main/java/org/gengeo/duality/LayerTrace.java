package org.gengeo.duality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;

/**
 * What one inference pass (dropout off) of a network over a data set shows about dense layer
 * {@code fc{L}}: its input activities a (the quantity the duality trades against weights), the
 * pre-activations of fc{L} and of every dense layer above it (their signs are the ReLU masks the
 * closed-form Hessian needs; the last one are the logits), and each example's loss. All float64,
 * row-major [n, width].
 *
 * @param layer          index L of the dense layer
 * @param inputs         a, [n, d]
 * @param preActivations z of fc{L}, fc{L+1}, ..., the last layer, each [n, out]
 * @param losses         per-example loss l(x_i, y_i)
 */
public record LayerTrace(int layer, int size, int inputDim, double[] inputs, List<double[]> preActivations, double[] losses) {
    /** Runs {@code net} over {@code data} in chunks of {@code chunk} examples and records layer {@code fc{layer}}. */
    public static LayerTrace of(Network net, Dataset data, int layer, int chunk) {
        LayerSpec.Dense dense = denseLayer(net, layer);
        int last = net.architecture().denseLayers().size() - 1;
        int n = data.size();
        int d = dense.in();
        double[] inputs = new double[n * d];
        List<double[]> pre = new ArrayList<>();
        for (int j = layer; j <= last; j++) {
            pre.add(new double[n * net.architecture().denseLayers().get(j).out()]);
        }
        double[] losses = new double[n];
        Loss loss = Loss.forOutputs(net.architecture().outputs());
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData device = new DeviceData(data, memory, net.precision());
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                try (NDScope scope = new NDScope()) {
                    Batch b = device.slice(from, to);
                    Recorder rec = new Recorder();
                    NDArray logits = net.forward(b.x(), rec);
                    copy(rec.inputs.get(dense.name()), inputs, from * d);
                    for (int j = layer; j <= last; j++) {
                        copy(rec.pre.get(net.architecture().denseLayers().get(j).name()), pre.get(j - layer), from * net.architecture().denseLayers().get(j).out());
                    }
                    copy(loss.perExample(logits, b.y()), losses, from);
                }
            }
        }
        return new LayerTrace(layer, n, d, inputs, List.copyOf(pre), losses);
    }

    /** Dense layer number {@code layer} (in forward order) of {@code net}; a missing one is an error listing the layers. */
    public static LayerSpec.Dense denseLayer(Network net, int layer) {
        List<LayerSpec.Dense> dense = net.architecture().denseLayers();
        if (layer < 0 || layer >= dense.size()) {
            throw new GengeoException("--layer: the model " + net.architecture().spec() + " has dense layers " + names(dense)
                    + ", not number " + layer);
        }
        return dense.get(layer);
    }

    /**
     * The forward-order index of the dense layer {@code name} names: its module name ({@code fc1},
     * {@code classifier.3}), or its index among the dense layers ({@code 1}).
     */
    public static int parseLayer(Network net, String name) {
        List<LayerSpec.Dense> dense = net.architecture().denseLayers();
        for (int i = 0; i < dense.size(); i++) {
            if (dense.get(i).name().equals(name)) {
                return i;
            }
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new GengeoException("--layer must name a dense layer of " + net.architecture().spec() + " (" + names(dense)
                    + ") or give its index, got '" + name + "'");
        }
    }

    private static String names(List<LayerSpec.Dense> dense) {
        return String.join(", ", dense.stream().map(LayerSpec.Dense::name).toList());
    }

    /** The input activity of example {@code i}. */
    public double[] input(int i) {
        double[] a = new double[inputDim];
        System.arraycopy(inputs, i * inputDim, a, 0, inputDim);
        return a;
    }

    /** Mean loss over the examples. */
    public double meanLoss() {
        double s = 0;
        for (double l : losses) {
            s += l;
        }
        return s / size;
    }

    private static void copy(NDArray from, double[] to, int offset) {
        double[] v = Tensors.doubles(from);
        System.arraycopy(v, 0, to, offset, v.length);
    }

    /** An inference pass that keeps every dense layer's input and pre-activation. */
    private static final class Recorder extends ForwardPass {
        final Map<String, NDArray> inputs = new HashMap<>();
        final Map<String, NDArray> pre = new HashMap<>();

        Recorder() {
            super(false, 0);
        }

        @Override
        public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
            inputs.put(layer.name(), a);
            return a;
        }

        @Override
        public NDArray preActivation(LayerSpec.Weighted layer, NDArray z) {
            pre.put(layer.name(), z);
            return z;
        }
    }
}
