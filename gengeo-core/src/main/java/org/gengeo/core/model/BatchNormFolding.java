package org.gengeo.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The equivalent network without batch norm (a copy when there is none), in the same precision; the caller closes it. */
    public static Network fold(Network net) {
        Architecture arch = net.architecture();
        Architecture folded = Architecture.parse(foldedSpec(arch.spec()));
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        List<LayerSpec> layers = arch.layers();
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i) instanceof LayerSpec.Dense d ? "fc" + d.index()
                    : layers.get(i) instanceof LayerSpec.Conv c ? "conv" + c.index() : null;
            if (name == null) {
                continue;
            }
            long[] shape = net.parameters().get(name + ".weight").getShape().getShape();
            double[] w = Tensors.doubles(net.parameters().get(name + ".weight"));
            double[] b = net.parameters().containsKey(name + ".bias") ? Tensors.doubles(net.parameters().get(name + ".bias"))
                    : new double[(int) shape[0]];
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof LayerSpec.BatchNorm bn) {
                foldInto(w, b, net, bn.name());
            }
            boolean float64 = net.precision() == Precision.FLOAT64;
            tensors.put(name + ".weight", TensorData.ofDoubles(shape, w, float64));
            tensors.put(name + ".bias", TensorData.ofDoubles(new long[] {shape[0]}, b, float64));
        }
        return Network.fromTensors(folded, net.activation(), net.dropout(), tensors, net.precision(), "folded " + arch.spec());
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
