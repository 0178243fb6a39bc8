package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.ConstantOps;
import org.gengeo.core.tensor.Ops;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;

/**
 * A feed-forward network (MLP or small CNN) built from an {@link Architecture}, holding its
 * parameters as engine arrays under PyTorch's names and layouts: {@code fc{k}.weight} [out, in],
 * {@code fc{k}.bias} [out], {@code conv{k}.weight} [out, in, kh, kw], {@code conv{k}.bias} [out].
 *
 * <p>Forward: each convolution is followed by the activation; each dense layer but the last by the
 * activation and (when training) inverted dropout with keep probability 1 - p; the last layer's
 * output are the logits. With batch norm ({@code :bn}, see {@link BatchNorm}) the normalisation sits
 * between a layer and its activation: parameters {@code {layer}_bn.weight} and {@code {layer}_bn.bias}
 * [channels], and the buffers {@code {layer}_bn.running_mean} and {@code {layer}_bn.running_var}, which
 * are saved and loaded with the parameters but are not among {@link #parameters()} (so no optimiser,
 * norm or curvature sees them); a training pass uses batch statistics and updates the buffers, an
 * inference pass uses the buffers. All arrays live in the network's own memory scope, freed by {@link #close}.
 */
public final class Network implements AutoCloseable {
    private final Architecture architecture;
    private final Activation activation;
    private final double dropout;
    private final Precision precision;
    private final NDManager manager;
    private final LinkedHashMap<String, NDArray> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, NDArray> buffers = new LinkedHashMap<>();

    private Network(Architecture architecture, Activation activation, double dropout, Precision precision) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new GengeoException("dropout must be in [0, 1), got " + dropout);
        }
        this.architecture = architecture;
        this.activation = activation;
        this.dropout = dropout;
        this.precision = precision;
        this.manager = TensorEngine.newManager();
    }

    /**
     * A freshly initialised network. Weights are drawn in parameter order from the stream
     * {@code Seeds.random(seed, "init")}, so one seed gives one network on every machine.
     */
    public static Network initialise(Architecture arch, Activation activation, double dropout, Init init,
                                     long seed, Precision precision) {
        Network net = new Network(arch, activation, dropout, precision);
        SplittableRandom rng = Seeds.random(seed, "init");
        for (ParameterShape p : parameterShapes(arch)) {
            double[] values = new double[Math.toIntExact(p.size())];
            if (BatchNorm.isBatchNormTensor(p.name())) {
                Arrays.fill(values, p.isBias() ? 0 : 1);
            } else if (p.isBias()) {
                init.fillBiases(values, p.fanIn(), rng);
            } else {
                init.fillWeights(values, p.fanIn(), p.fanOut(), rng);
            }
            net.put(p.name(), values, p.shape());
        }
        for (ParameterShape b : bufferShapes(arch)) {
            double[] values = new double[Math.toIntExact(b.size())];
            Arrays.fill(values, b.name().endsWith(BatchNorm.RUNNING_VAR) ? 1 : 0);
            net.putBuffer(b.name(), values, b.shape());
        }
        return net;
    }

    /**
     * A network with the given parameter and buffer values (from a file). Every expected parameter
     * and batch-norm buffer must be present with its exact shape; an extra or missing one is an error
     * naming it (PyTorch's {@code *_bn.num_batches_tracked} is accepted and ignored).
     */
    public static Network fromTensors(Architecture arch, Activation activation, double dropout,
                                      Map<String, TensorData> tensors, Precision precision, String source) {
        List<ParameterShape> trained = parameterShapes(arch);
        List<ParameterShape> expected = new ArrayList<>(trained);
        expected.addAll(bufferShapes(arch));
        for (String name : tensors.keySet()) {
            boolean counter = name.endsWith(BatchNorm.BATCHES_TRACKED) && expected.stream().anyMatch(p -> p.name().equals(
                    name.substring(0, name.length() - BatchNorm.BATCHES_TRACKED.length()) + BatchNorm.RUNNING_MEAN));
            if (!counter && expected.stream().noneMatch(p -> p.name().equals(name))) {
                throw new GengeoException(source + ": tensor '" + name + "' is not a parameter of " + arch.spec());
            }
        }
        Network net = new Network(arch, activation, dropout, precision);
        try {
            for (int i = 0; i < expected.size(); i++) {
                ParameterShape p = expected.get(i);
                TensorData t = tensors.get(p.name());
                if (t == null) {
                    throw new GengeoException(source + ": parameter '" + p.name() + "' of " + arch.spec() + " is missing");
                }
                if (!Arrays.equals(t.shape(), p.shape())) {
                    throw new GengeoException(source + ": parameter '" + p.name() + "' has shape " + Arrays.toString(t.shape())
                            + " but " + arch.spec() + " needs " + Arrays.toString(p.shape()));
                }
                if (i < trained.size()) {
                    net.put(p.name(), t.toDoubleArray(), p.shape());
                } else {
                    net.putBuffer(p.name(), t.toDoubleArray(), p.shape());
                }
            }
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void put(String name, double[] values, long[] shape) {
        NDArray a = array(values, shape);
        a.setRequiresGradient(true);
        parameters.put(name, a);
    }

    private void putBuffer(String name, double[] values, long[] shape) {
        buffers.put(name, array(values, shape));
    }

    private NDArray array(double[] values, long[] shape) {
        NDArray a;
        if (precision == Precision.FLOAT64) {
            a = manager.create(values, new Shape(shape));
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            a = manager.create(f, new Shape(shape));
        }
        NDScope.unregister(a);
        return a;
    }

    /** Name, shape and fans of one parameter. */
    public record ParameterShape(String name, long[] shape, int fanIn, int fanOut, boolean isBias) {
        /** Number of elements. */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** The parameters an architecture has, in order. */
    public static List<ParameterShape> parameterShapes(Architecture arch) {
        List<ParameterShape> out = new ArrayList<>();
        for (LayerSpec l : arch.layers()) {
            if (l instanceof LayerSpec.Dense d) {
                out.add(new ParameterShape("fc" + d.index() + ".weight", new long[] {d.out(), d.in()}, d.in(), d.out(), false));
                if (arch.bias()) {
                    out.add(new ParameterShape("fc" + d.index() + ".bias", new long[] {d.out()}, d.in(), d.out(), true));
                }
            } else if (l instanceof LayerSpec.Conv c) {
                int k2 = c.kernel() * c.kernel();
                out.add(new ParameterShape("conv" + c.index() + ".weight",
                        new long[] {c.out(), c.in(), c.kernel(), c.kernel()}, c.in() * k2, c.out() * k2, false));
                if (arch.bias()) {
                    out.add(new ParameterShape("conv" + c.index() + ".bias", new long[] {c.out()}, c.in() * k2, c.out() * k2, true));
                }
            } else if (l instanceof LayerSpec.BatchNorm b) {
                out.add(new ParameterShape(b.name() + ".weight", new long[] {b.channels()}, b.channels(), b.channels(), false));
                out.add(new ParameterShape(b.name() + ".bias", new long[] {b.channels()}, b.channels(), b.channels(), true));
            }
        }
        return out;
    }

    /** The batch-norm buffers an architecture has (running mean, then running variance per layer), in order; none without {@code :bn}. */
    public static List<ParameterShape> bufferShapes(Architecture arch) {
        List<ParameterShape> out = new ArrayList<>();
        for (LayerSpec l : arch.layers()) {
            if (l instanceof LayerSpec.BatchNorm b) {
                for (String suffix : List.of(BatchNorm.RUNNING_MEAN, BatchNorm.RUNNING_VAR)) {
                    out.add(new ParameterShape(b.name() + suffix, new long[] {b.channels()}, b.channels(), b.channels(), false));
                }
            }
        }
        return out;
    }

    /**
     * Logits for a batch {@code x} of shape [n, inputSize] (or [n, C, H, W] for a CNN). The result
     * has shape [n, outputs].
     */
    public NDArray forward(NDArray x, ForwardPass pass) {
        return forward(x, pass, parameters);
    }

    /**
     * Logits computed with other parameter values: {@code values} maps every parameter name to an
     * array of its shape (e.g. fresh leaves for second derivatives, or perturbed weights).
     */
    public NDArray forward(NDArray x, ForwardPass pass, Map<String, NDArray> values) {
        long n = x.getShape().get(0);
        NDArray h = architecture.convolutional()
                ? x.reshape(n, architecture.inputShape()[0], architecture.inputShape()[1], architecture.inputShape()[2])
                : x.reshape(n, architecture.inputSize());
        boolean drop = pass.training() && dropout > 0;
        if (drop) {
            pass.seedDropout();
        }
        int last = architecture.layers().size() - 1;
        for (int i = 0; i <= last; i++) {
            LayerSpec layer = architecture.layers().get(i);
            if (layer instanceof LayerSpec.Conv c) {
                String name = "conv" + c.index();
                h = pass.layerInput(name, h);
                NDArray z = Ops.conv2d(h, values.get(name + ".weight"), values.get(name + ".bias"), c.stride(), c.padding());
                z = pass.preActivation(name, z);
                h = normalised(i) ? z : activation.apply(z);
            } else if (layer instanceof LayerSpec.BatchNorm b) {
                String name = b.name();
                h = BatchNorm.apply(h, values.get(name + ".weight"), values.get(name + ".bias"), buffers.get(name + BatchNorm.RUNNING_MEAN),
                        buffers.get(name + BatchNorm.RUNNING_VAR), pass.training(), name);
                h = activation.apply(h);
                if (drop && h.getShape().dimension() == 2) {
                    h = dropout(h);
                }
            } else if (layer instanceof LayerSpec.MaxPool p) {
                h = Ops.maxPool2d(h, p.kernel());
            } else if (layer instanceof LayerSpec.Flatten) {
                h = h.reshape(n, -1);
            } else if (layer instanceof LayerSpec.Dense d) {
                String name = "fc" + d.index();
                h = pass.layerInput(name, h);
                NDArray z = pass.preActivation(name, Ops.linear(h, values.get(name + ".weight"), values.get(name + ".bias")));
                boolean hidden = i != last && !normalised(i);
                h = hidden ? activation.apply(z) : z;
                if (drop && hidden) {
                    h = dropout(h);
                }
            }
        }
        return h;
    }

    /** True when layer {@code i} is followed by its batch norm (which then applies the activation). */
    private boolean normalised(int i) {
        List<LayerSpec> layers = architecture.layers();
        return i + 1 < layers.size() && layers.get(i + 1) instanceof LayerSpec.BatchNorm;
    }

    private NDArray dropout(NDArray h) {
        NDArray keep = h.getManager().randomUniform(0f, 1f, h.getShape(), h.getDataType()).gte(dropout);
        return ConstantOps.dividedBy(h.mul(keep.toType(h.getDataType(), false)), 1.0 - dropout);
    }

    /** The parameters by name, in order (live arrays; do not close). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The parameter arrays in order. */
    public List<NDArray> parameterList() {
        return List.copyOf(parameters.values());
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : parameters.values()) {
            n += a.size();
        }
        return n;
    }

    /** The batch-norm running statistics by name (live arrays; do not close); empty without {@code :bn}. */
    public Map<String, NDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** The parameter values, then the batch-norm buffers, as tensors for a file, in the network's precision. */
    public LinkedHashMap<String, TensorData> toTensors() {
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            out.put(e.getKey(), tensorOf(e.getValue()));
        }
        for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
            out.put(e.getKey(), tensorOf(e.getValue()));
        }
        return out;
    }

    /** An engine array as a file tensor (F32 or F64 as the array is). */
    public static TensorData tensorOf(NDArray a) {
        long[] shape = a.getShape().getShape();
        return a.getDataType() == DataType.FLOAT64
                ? TensorData.ofDoubles(shape, a.toDoubleArray())
                : TensorData.ofFloats(shape, a.toType(DataType.FLOAT32, false).toFloatArray());
    }

    /** A copy of this network in another precision. */
    public Network to(Precision target) {
        return fromTensors(architecture, activation, dropout, toTensors(), target, "in-memory copy");
    }

    /** The memory scope that owns the parameters; arrays created from it outlive any NDScope. */
    public NDManager manager() {
        return manager;
    }

    public Architecture architecture() {
        return architecture;
    }

    public Activation activation() {
        return activation;
    }

    public double dropout() {
        return dropout;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    public void close() {
        manager.close();
    }
}
