package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;

/**
 * The batch-norm-free network that computes what a {@code :bn} network computes in evaluation mode.
 * A batch norm with running statistics after a layer z = W x + b is the affine map
 * y = gamma (z - mu) / sqrt(var + eps) + beta, so with s = gamma / sqrt(var + eps) per output channel
 * <pre>
 *   W' = diag(s) W        (for a convolution: output channel o of the kernel times s_o)
 *   b' = s (b - mu) + beta   (b = 0 for a :nobias layer)
 * </pre>
 * is one layer with the same output (the folding of Jacob et al. 2018 and of the margin spec's option A).
 * The folded architecture is the spec without {@code :bn} and with biases (a folded layer has one
 * even when the original had none; layers without batch norm keep theirs, or get zeros).
 */
public final class BatchNormFolding {
    private BatchNormFolding() {}

    /** The folded spec: {@code :bn} and {@code :nobias} removed. */
    public static String foldedSpec(String spec) {
        String body = spec.trim();
        while (body.endsWith(":bn") || body.endsWith(":nobias")) {
            body = body.substring(0, body.lastIndexOf(':'));
        }
        return body;
    }

    /**
     * The equivalent network without batch norm (a copy when there is none), in the same precision; the
     * caller closes it. Only the chain families ({@code mlp:}, {@code cnn:}) have a batch-norm-free
     * spec to fold into; for the named families use {@link #foldedWeights}.
     */
    public static Network fold(Network net) {
        Architecture arch = net.architecture();
        if (arch.residual() || !ChainSpecs.accepts(arch.spec())) {
            throw new GengeoException("batch-norm folding into a network is defined for mlp: and cnn: specs; " + arch.spec()
                    + " has no batch-norm-free spec (its folded weights are available per layer)");
        }
        Architecture folded = Architecture.parse(foldedSpec(arch.spec()));
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        boolean float64 = net.precision() == Precision.FLOAT64;
        foldedWeights(net).forEach((layer, wb) -> {
            tensors.put(layer.weight(), TensorData.ofDoubles(layer.weightShape(), wb[0], float64));
            tensors.put(layer.name() + ".bias", TensorData.ofDoubles(new long[] {layer.out()}, wb[1], float64));
        });
        return Network.fromTensors(folded, net.activation(), net.dropout(), tensors, net.precision(), "folded " + arch.spec());
    }

    /**
     * Every dense and convolutional layer's weight and bias with the batch norm that directly follows it
     * (if any) folded in, as {W', b'} in forward order; b = 0 for a layer without a bias.
     */
    public static Map<LayerSpec.Weighted, double[][]> foldedWeights(Network net) {
        Map<LayerSpec.Weighted, LayerSpec.BatchNorm> norms = net.architecture().normalisedLayers();
        Map<LayerSpec.Weighted, double[][]> out = new LinkedHashMap<>();
        for (LayerSpec.Weighted layer : net.architecture().weightedLayers()) {
            double[] w = Tensors.doubles(net.parameters().get(layer.weight()));
            NDArray bias = net.parameters().get(layer.name() + ".bias");
            double[] b = bias != null ? Tensors.doubles(bias) : new double[layer.out()];
            LayerSpec.BatchNorm bn = norms.get(layer);
            if (bn != null) {
                foldInto(w, b, net, bn.name());
            }
            out.put(layer, new double[][] {w, b});
        }
        return out;
    }

    /** Scales each output row of {@code w} by s and maps the bias to s (b - mu) + beta, in place. */
    private static void foldInto(double[] w, double[] b, Network net, String bn) {
        double[] gamma = Tensors.doubles(net.parameters().get(bn + ".weight"));
        double[] beta = Tensors.doubles(net.parameters().get(bn + ".bias"));
        double[] mu = Tensors.doubles(net.buffers().get(bn + BatchNorm.RUNNING_MEAN));
        double[] var = Tensors.doubles(net.buffers().get(bn + BatchNorm.RUNNING_VAR));
        int row = w.length / b.length;
        for (int o = 0; o < b.length; o++) {
            double s = gamma[o] / Math.sqrt(var[o] + BatchNorm.EPS);
            for (int k = 0; k < row; k++) {
                w[o * row + k] *= s;
            }
            b[o] = s * (b[o] - mu[o]) + beta[o];
        }
    }
}
