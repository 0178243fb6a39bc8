package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Seeds;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.script.TorchScriptModule;
import org.gengeo.core.tensor.ConstantOps;
import org.gengeo.core.tensor.Ops;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;

/**
 * A feed-forward network built from an {@link Architecture} (MLPs, CNNs, residual networks, VGG,
 * NiN), holding its parameters as engine arrays under PyTorch's names and layouts: a dense layer's
 * {@code name.weight} [out, in] and {@code name.bias} [out], a convolution's {@code name.weight}
 * [out, in, kh, kw] and {@code name.bias} [out], names as the PyTorch module's state_dict() has them
 * ({@code fc0}, {@code conv1}, {@code layer1.0.conv1}, {@code features.0}; see {@link LayerSpec}).
 *
 * <p>Forward: the layers in order ({@link #forward}); dropout layers act only in a training pass,
 * with inverted dropout of keep probability 1 - p; the last layer's output are the logits. A batch
 * norm ({@link BatchNorm}) has the parameters {@code name.weight} and {@code name.bias}
 * [channels], and the buffers {@code name.running_mean} and {@code name.running_var}, which
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
    private final Map<String, Role> roles = new HashMap<>();
    private final TorchScriptModule module;

    private Network(Architecture architecture, Activation activation, double dropout, Precision precision) {
        this(architecture, activation, dropout, precision, null);
    }

    private Network(Architecture architecture, Activation activation, double dropout, Precision precision, TorchScriptModule module) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new GengeoException("dropout must be in [0, 1), got " + dropout);
        }
        this.architecture = architecture;
        this.activation = activation;
        this.dropout = dropout;
        this.precision = precision;
        this.module = module;
        this.manager = TensorEngine.newManager();
        for (ParameterShape p : parameterShapes(architecture)) {
            roles.put(p.name(), p.role());
        }
        for (ParameterShape p : bufferShapes(architecture)) {
            roles.put(p.name(), p.role());
        }
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
            switch (p.role()) {
                case NORM_SCALE -> Arrays.fill(values, 1);
                case NORM_SHIFT -> Arrays.fill(values, 0);
                case BIAS -> init.fillBiases(values, p.fanIn(), rng);
                default -> init.fillWeights(values, p.fanIn(), p.fanOut(), rng);
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
     * An imported TorchScript module as a network with one opaque layer ({@link LayerSpec.TorchScript}).
     * The module is run once on a zero example of {@code inputShape} in evaluation mode to learn its
     * output width, which must be a [1, k] tensor. The network owns the module (closing it closes the
     * module); its parameters are the module's live tensors, in the module's precision.
     *
     * @throws GengeoException naming the module's file: it rejects the input shape, or does not return [1, k]
     */
    public static Network ofTorchScript(TorchScriptModule module, int[] inputShape, String fileName) {
        int outputs;
        try (NDManager probe = TensorEngine.newManager()) {
            long[] shape = new long[inputShape.length + 1];
            shape[0] = 1;
            for (int i = 0; i < inputShape.length; i++) {
                shape[i + 1] = inputShape[i];
            }
            DataType type = module.parameters().values().iterator().next().getDataType();
            long[] out = module.forward(probe.zeros(new Shape(shape), type)).getShape().getShape();
            if (out.length != 2 || out[0] != 1) {
                throw new GengeoException(module.source() + ": the module maps one example of shape " + Arrays.toString(inputShape)
                        + " to a tensor of shape " + Arrays.toString(out) + "; gengeo needs logits of shape [1, classes]");
            }
            outputs = Math.toIntExact(out[1]);
        }
        Architecture arch = Architecture.torchScript(fileName, inputShape, new LayerSpec.TorchScript(module, outputs));
        Precision p = module.parameters().values().iterator().next().getDataType() == DataType.FLOAT64
                ? Precision.FLOAT64 : Precision.FLOAT32;
        Network net = new Network(arch, Activation.RELU, 0, p, module);
        net.parameters.putAll(module.parameters());
        return net;
    }

    /** The imported TorchScript module this network runs, or null for a network gengeo builds. */
    public TorchScriptModule torchScript() {
        return module;
    }

    /**
     * Runs {@code body} with the parameters taking {@code values} (every parameter name to an array of
     * its shape) and returns its result. {@code body} gets the arrays to pass to
     * {@link #forward(NDArray, ForwardPass, Map)} and to differentiate with respect to: for a network
     * gengeo builds, {@code values} themselves (the parameters are untouched); for an imported module,
     * which has no functional call, the module's live parameters after the values were copied into
     * them (their gradients cleared before and after), restored when {@code body} ends.
     */
    public <T> T withValues(Map<String, NDArray> values, java.util.function.Function<Map<String, NDArray>, T> body) {
        if (module == null || values == parameters) {
            return body.apply(values);
        }
        List<NDArray> saved = new ArrayList<>();
        try {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                saved.add(e.getValue().duplicate());
                e.getValue().set(values.get(e.getKey()).toType(e.getValue().getDataType(), false).toByteBuffer());
            }
            org.gengeo.core.tensor.Autograd.clear(parameterList());
            return body.apply(parameters());
        } finally {
            int i = 0;
            for (NDArray live : parameters.values()) {
                if (i < saved.size()) {
                    live.set(saved.get(i).toByteBuffer());
                    saved.get(i++).close();
                }
            }
            org.gengeo.core.tensor.Autograd.clear(parameterList());
        }
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

    /** What a tensor is to the layer that owns it. */
    public enum Role {
        /** The weight of a dense or convolutional layer. */
        WEIGHT,
        /** The bias of a dense or convolutional layer. */
        BIAS,
        /** A batch norm's scale gamma. */
        NORM_SCALE,
        /** A batch norm's shift beta. */
        NORM_SHIFT,
        /** A batch norm's running statistic: saved, never trained. */
        BUFFER
    }

    /** Name, shape, fans and role of one parameter or buffer. */
    public record ParameterShape(String name, long[] shape, int fanIn, int fanOut, Role role) {
        /** Number of elements. */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** An additive offset: a layer's bias or a batch norm's beta. */
        public boolean isBias() {
            return role == Role.BIAS || role == Role.NORM_SHIFT;
        }

        /** A batch norm's gamma or beta (or running statistic). */
        public boolean isNormalisation() {
            return role == Role.NORM_SCALE || role == Role.NORM_SHIFT || role == Role.BUFFER;
        }
    }

    /** The parameters an architecture has, in PyTorch's state_dict order (each layer's own {@link LayerSpec#parameters}). */
    public static List<ParameterShape> parameterShapes(Architecture arch) {
        List<ParameterShape> out = new ArrayList<>();
        LayerSpec.walk(arch.layers(), l -> out.addAll(l.parameters()));
        return out;
    }

    /** The batch-norm buffers an architecture has (running mean, then running variance per layer), in order; none without batch norm. */
    public static List<ParameterShape> bufferShapes(Architecture arch) {
        List<ParameterShape> out = new ArrayList<>();
        LayerSpec.walk(arch.layers(), l -> out.addAll(l.buffers()));
        return out;
    }

    /** The role of parameter or buffer {@code name} of this network; an unknown name is an error. */
    public Role role(String name) {
        Role r = roles.get(name);
        if (r == null) {
            throw new IllegalArgumentException(name + " is not a tensor of " + architecture.spec());
        }
        return r;
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
        if (module != null) {
            if (values != parameters && !values.values().stream().allMatch(v -> parameters.containsValue(v))) {
                throw new IllegalStateException("an imported module runs on its own parameters; evaluate other values through withValues");
            }
            long[] shape = new long[architecture.inputShape().length + 1];
            shape[0] = n;
            for (int i = 0; i < architecture.inputShape().length; i++) {
                shape[i + 1] = architecture.inputShape()[i];
            }
            if (pass.training()) {
                pass.seedDropout();
            }
            if (module.isTraining() != pass.training()) {
                module.training(pass.training());
            }
            return module.forward(x.reshape(new Shape(shape)));
        }
        NDArray h = architecture.convolutional()
                ? x.reshape(n, architecture.inputShape()[0], architecture.inputShape()[1], architecture.inputShape()[2])
                : flat(x, n);
        boolean drop = pass.training() && dropout > 0;
        if (drop) {
            pass.seedDropout();
        }
        return run(architecture.layers(), h, pass, values, drop);
    }

    /** x as [n, input size]: itself when it already has that shape (data gathered from engine memory do), saving a native call. */
    private NDArray flat(NDArray x, long n) {
        Shape shape = x.getShape();
        return shape.dimension() == 2 && shape.get(0) == n && shape.get(1) == architecture.inputSize() ? x : x.reshape(n, architecture.inputSize());
    }

    /** Runs {@code layers} in order on {@code h}; each layer type's forward is one case here. */
    private NDArray run(List<LayerSpec> layers, NDArray h, ForwardPass pass, Map<String, NDArray> values, boolean drop) {
        String stage = null;
        for (LayerSpec layer : layers) {
            if (stage != null && !(layer instanceof LayerSpec.Nonlinearity)
                    && !(layer instanceof LayerSpec.Residual r && r.stage().equals(stage))) {
                h = pass.stageOutput(stage, h);
                stage = null;
            }
            if (layer instanceof LayerSpec.Dense d) {
                NDArray a = pass.layerInput(d, h);
                h = pass.preActivation(d, Ops.linear(a, values.get(d.weight()), values.get(d.name() + ".bias")));
            } else if (layer instanceof LayerSpec.Conv c) {
                NDArray a = pass.layerInput(c, h);
                h = pass.preActivation(c, Ops.conv2d(a, values.get(c.weight()), values.get(c.name() + ".bias"), c.stride(), c.padding()));
            } else if (layer instanceof LayerSpec.BatchNorm b) {
                String name = b.name();
                h = pass.normOutput(b, BatchNorm.apply(pass.normInput(b, h), values.get(name + ".weight"), values.get(name + ".bias"),
                        buffers.get(name + BatchNorm.RUNNING_MEAN), buffers.get(name + BatchNorm.RUNNING_VAR), pass.training(), name));
            } else if (layer instanceof LayerSpec.Nonlinearity) {
                h = activation.apply(h);
            } else if (layer instanceof LayerSpec.Dropout) {
                h = drop ? dropout(h) : h;
            } else if (layer instanceof LayerSpec.MaxPool p) {
                h = Ops.maxPool2d(h, p.kernel(), p.stride(), p.padding());
            } else if (layer instanceof LayerSpec.GlobalAvgPool) {
                h = h.reshape(h.getShape().get(0), h.getShape().get(1), -1).mean(new int[] {2});
            } else if (layer instanceof LayerSpec.Flatten) {
                h = h.reshape(h.getShape().get(0), -1);
            } else if (layer instanceof LayerSpec.Residual r) {
                stage = r.stage();
                NDArray body = run(r.body(), h, pass, values, drop);
                h = body.add(r.shortcut().isEmpty() ? h : run(r.shortcut(), h, pass, values, drop));
            }
        }
        return stage == null ? h : pass.stageOutput(stage, h);
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

    /**
     * The parameter values, then the batch-norm buffers, as tensors for a file, in the network's
     * precision; for an imported module its whole state_dict (parameters and buffers, its own names).
     */
    public LinkedHashMap<String, TensorData> toTensors() {
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        if (module != null) {
            out.putAll(module.stateDict());
            return out;
        }
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
        if (module != null) {
            throw new GengeoException(module.source() + ": an imported TorchScript module keeps its own precision (" + precision + ")");
        }
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
        if (module != null) {
            module.close();
        }
    }
}
