package org.gengeo.core.script;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.TensorEngine;

/**
 * A TorchScript module ({@code torch.jit.script} or {@code torch.jit.trace}, saved with
 * {@code torch.jit.save}) loaded through DJL's PyTorch engine: an opaque but differentiable
 * function of its input and its parameters.
 *
 * <p>The parameters are the module's live tensors ({@code named_parameters()} names and order):
 * an in-place update changes the module, and there is no functional call, so evaluating the module
 * at other parameter values means copying them in. Loading keeps {@code trainParam} on (without
 * it backward fails). {@link #training(boolean)} switches {@code train()}/{@code eval()}; a traced
 * module keeps the control flow it was traced with, as in PyTorch. Buffers (batch-norm running
 * statistics) are not exposed by DJL; {@link #stateDict()} reads them from the module written to
 * memory (see {@link TorchScriptArchive}).
 *
 * <p>A TorchScript file contains code, which libtorch runs; load only files you trust. A
 * {@code torch.save} checkpoint is refused before libtorch sees it.
 */
public final class TorchScriptModule implements AutoCloseable {
    private final String source;
    private final NDManager manager;
    private final PtSymbolBlock block;
    private final Map<String, NDArray> parameters;
    private boolean training;

    private TorchScriptModule(String source, NDManager manager, PtSymbolBlock block, Map<String, NDArray> parameters) {
        this.source = source;
        this.manager = manager;
        this.block = block;
        this.parameters = parameters;
    }

    /**
     * Loads {@code file} in evaluation mode.
     *
     * @throws GengeoException naming the file: not TorchScript (a torch.save checkpoint says how to
     *     save instead), libtorch refuses it, or a parameter is not floating point or not finite
     */
    public static TorchScriptModule load(Path file) {
        TorchScriptArchive.check(file);
        NDManager manager = TensorEngine.newManager();
        PtSymbolBlock block;
        try {
            block = JniUtils.loadModule((PtNDManager) manager, file.toAbsolutePath(), true, new String[0], new String[0], true);
        } catch (EngineException | IllegalArgumentException e) {
            manager.close();
            throw new GengeoException(file + ": libtorch cannot load it as TorchScript: " + firstLine(e.getMessage()));
        }
        Map<String, NDArray> params = new LinkedHashMap<>();
        try {
            NDList list = JniUtils.moduleGetParams(block, (PtNDManager) manager);
            for (NDArray p : list) {
                if (!p.getDataType().isFloating()) {
                    throw new GengeoException(file + ": parameter '" + p.getName() + "' is " + p.getDataType()
                            + ", not floating point");
                }
                if (!p.isInfinite().logicalOr(p.isNaN()).none().getBoolean()) {
                    throw new GengeoException(file + ": parameter '" + p.getName() + "' holds non-finite values");
                }
                params.put(p.getName(), p);
            }
            if (params.isEmpty()) {
                throw new GengeoException(file + ": the module has no parameters");
            }
        } catch (RuntimeException e) {
            block.close();
            manager.close();
            throw e;
        }
        TorchScriptModule m = new TorchScriptModule(file.toString(), manager, block, Collections.unmodifiableMap(params));
        m.training(false);
        return m;
    }

    /** The file the module came from, for messages. */
    public String source() {
        return source;
    }

    /** The live parameters by {@code named_parameters()} name, in that order. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Switches the module to training ({@code train()}) or evaluation ({@code eval()}) mode. */
    public void training(boolean on) {
        if (on) {
            JniUtils.enableTrainingMode(block);
        } else {
            JniUtils.enableInferenceMode(block);
        }
        training = on;
    }

    /** True in training mode. */
    public boolean isTraining() {
        return training;
    }

    /**
     * The module's output for {@code input}, recorded for autograd when a gradient collector is
     * open. An input the module rejects is a one-line error naming the file.
     */
    public NDArray forward(NDArray input) {
        try {
            // the flag keeps autograd on (the mode itself is set by training(boolean))
            NDList out = IValueUtils.forward(block, new NDList(input), true);
            if (out.size() != 1) {
                throw new GengeoException(source + ": the module returns " + out.size() + " tensors; gengeo needs one (the logits)");
            }
            return out.singletonOrThrow();
        } catch (EngineException e) {
            throw new GengeoException(source + ": the module rejects input of shape " + input.getShape() + ": "
                    + firstLine(e.getMessage()));
        }
    }

    /**
     * Every tensor of the module as it is now (parameters and buffers) by {@code state_dict()}
     * name, read from the module written to memory.
     */
    public Map<String, TensorData> stateDict() {
        return TorchScriptArchive.tensors(bytes(), source + " (in memory)");
    }

    /** Writes the module, with its current parameters and buffers, to {@code file} atomically. */
    public void save(Path file) {
        AtomicFiles.write(file, bytes());
    }

    private byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JniUtils.writeModule(block, out, false);
        return out.toByteArray();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String first = message.strip().split("\\R", 2)[0];
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    @Override
    public void close() {
        block.close();
        manager.close();
    }
}
