package org.gengeo.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact second derivatives through {@code torch.autograd.grad}, which returns gradients instead of
 * accumulating them into {@code .grad}. (Double backward through {@code Tensor.backward} with
 * create_graph leaves each leaf holding a gradient whose graph holds the leaf: a reference cycle
 * that leaks the whole graph of every product.) The call goes through a tiny TorchScript module,
 * {@code autograd_ops.pt}, that holds no weights; {@code make_autograd_ops.py} beside it rebuilds it.
 */
public final class SecondOrder {
    private static final String RESOURCE = "autograd_ops.pt";
    private static PtSymbolBlock module;

    private SecondOrder() {}

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            NDManager manager = TensorEngine.newManager();
            try (InputStream in = SecondOrder.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the build");
                }
                module = JniUtils.loadModule((PtNDManager) manager, in, true, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + RESOURCE, e);
            }
        }
        return module;
    }

    /**
     * H v for the scalar {@code output}: the gradient of grad(output, inputs) . v with respect to
     * {@code inputs}, where {@code output} was computed from {@code inputs} with recording on (see
     * {@link Autograd#recording}). No {@code .grad} field is read or written. The results are new
     * arrays in the output's memory scope, one per input.
     */
    public static List<NDArray> hessianVectorProduct(NDArray output, List<NDArray> inputs, List<NDArray> v) {
        return call("forward", output, inputs, v, null);
    }

    /** J v, with J the Jacobian of {@code output} (any shape) with respect to {@code inputs}; the graph is kept. */
    public static NDArray jacobianVectorProduct(NDArray output, List<NDArray> inputs, List<NDArray> v) {
        return call("jvp", output, inputs, v, null).get(0);
    }

    /** J^T c, with J the Jacobian of {@code output} with respect to {@code inputs}; the graph is kept. */
    public static List<NDArray> vectorJacobianProduct(NDArray output, List<NDArray> inputs, NDArray cotangent) {
        return call("vjp", output, inputs, List.of(), cotangent);
    }

    private static List<NDArray> call(String method, NDArray output, List<NDArray> inputs, List<NDArray> v, NDArray last) {
        NDList args = new NDList();
        if (!method.equals("forward")) {
            NDArray selector = output.getManager().create(0f);
            selector.setName("module_method:" + method);
            args.add(selector);
        }
        args.add(output);
        List<String> oldNames = new ArrayList<>();
        for (NDArray in : inputs) {
            oldNames.add(in.getName());
            in.setName("inputs[]");
            args.add(in);
        }
        for (NDArray x : v) {
            x.setName("v[]");
            args.add(x);
        }
        if (last != null) {
            args.add(last);
        }
        try {
            return new ArrayList<>(IValueUtils.forward(module(), args, true));
        } finally {
            for (int i = 0; i < inputs.size(); i++) {
                inputs.get(i).setName(oldNames.get(i));
            }
        }
    }
}
