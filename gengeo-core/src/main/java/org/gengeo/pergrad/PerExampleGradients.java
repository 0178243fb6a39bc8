package org.gengeo.pergrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.Tensors;

/**
 * Per-example gradient norms without a loop over examples for dense layers (Goodfellow 2015,
 * "Efficient per-example gradient computations"): for z = W a + b the gradient of example i is
 * delta_i a_i^T and delta_i, so ||g_W,i||^2 = ||a_i||^2 ||delta_i||^2 and ||g_b,i||^2 = ||delta_i||^2,
 * with delta_i = dl_i/dz_i read from the gradient of a zero tensor added to the pre-activations,
 * in one forward and one backward pass of the summed loss (whose parameter gradient is the sum S).
 * Convolutions have no such product form: their norms are computed exactly with one backward pass
 * per example, and the result lists them in {@link PerExampleNorms#loopedParameters()}; so are a
 * batch norm's gamma and beta (evaluation mode, where examples are independent). Dropout is off.
 */
public final class PerExampleGradients {
    private PerExampleGradients() {}

    /** Records each dense layer's input and adds a zero leaf to its pre-activation. */
    private static final class Probe extends ForwardPass {
        final Map<String, NDArray> inputs = new HashMap<>();
        final Map<String, NDArray> zeros = new HashMap<>();

        Probe() {
            super(false, 0);
        }

        @Override
        public NDArray layerInput(String layer, NDArray a) {
            if (layer.startsWith("fc")) {
                inputs.put(layer, a);
            }
            return a;
        }

        @Override
        public NDArray preActivation(String layer, NDArray z) {
            if (!layer.startsWith("fc")) {
                return z;
            }
            NDArray zero = z.getManager().zeros(z.getShape(), z.getDataType());
            Autograd.track(zero, true);
            zeros.put(layer, zero);
            return z.add(zero);
        }
    }

    /** Norms and sums for {@code batch}; arrays created here are freed before returning. */
    public static PerExampleNorms compute(Network net, Batch batch, Loss loss) {
        int m = (int) batch.size();
        List<String> names = new ArrayList<>(net.parameters().keySet());
        double[][] norms = new double[names.size()][m];
        List<double[]> sums = new ArrayList<>();
        List<String> looped = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            List<NDArray> params = net.parameterList();
            Autograd.clear(params);
            Probe probe = new Probe();
            Autograd.backward(() -> loss.perExample(net.forward(batch.x(), probe), batch.y()).sum());
            for (NDArray g : Autograd.gradients(params)) {
                sums.add(Tensors.doubles(g));
            }
            for (int p = 0; p < names.size(); p++) {
                String name = names.get(p);
                String layer = name.substring(0, name.indexOf('.'));
                if (probe.zeros.containsKey(layer)) {
                    double[] delta2 = rowSquares(probe.zeros.get(layer).getGradient());
                    double[] a2 = name.endsWith(".bias") ? null : rowSquares(probe.inputs.get(layer));
                    for (int i = 0; i < m; i++) {
                        norms[p][i] = a2 == null ? delta2[i] : delta2[i] * a2[i];
                    }
                } else {
                    looped.add(name);
                }
            }
            Autograd.clear(params);
        }
        if (!looped.isEmpty()) {
            loopOverExamples(net, batch, loss, names, looped, norms);
        }
        return new PerExampleNorms(names, norms, sums, looped);
    }

    /**
     * Every example's gradient in factored form: dense weights as the outer products
     * g_W,i = delta_i a_i^T (one forward and backward pass), dense biases as g_b,i = delta_i,
     * convolutions explicitly from one backward pass per example. Arrays live in the current scope.
     */
    public static Factored factored(Network net, Batch batch, Loss loss) {
        int m = (int) batch.size();
        List<String> names = new ArrayList<>(net.parameters().keySet());
        List<NDArray> params = net.parameterList();
        PerExampleRows[] out = new PerExampleRows[names.size()];
        Autograd.clear(params);
        Probe probe = new Probe();
        NDArray total = Autograd.backward(() -> loss.perExample(net.forward(batch.x(), probe), batch.y()).sum());
        double meanLoss = Tensors.scalar(total) / m;
        List<Integer> looped = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            String name = names.get(p);
            String layer = name.substring(0, name.indexOf('.'));
            if (!probe.zeros.containsKey(layer)) {
                looped.add(p);
                continue;
            }
            NDArray delta = probe.zeros.get(layer).getGradient().duplicate();
            out[p] = name.endsWith(".bias") ? new PerExampleRows.Explicit(delta)
                    : new PerExampleRows.Outer(delta, probe.inputs.get(layer).stopGradient());
        }
        Autograd.clear(params);
        if (!looped.isEmpty()) {
            List<List<NDArray>> rows = new ArrayList<>();
            for (int ignored : looped) {
                rows.add(new ArrayList<>());
            }
            for (int i = 0; i < m; i++) {
                NDArray x = batch.x().get(i + ":" + (i + 1));
                NDArray y = batch.y().get(i + ":" + (i + 1));
                Autograd.clear(params);
                Autograd.backward(() -> loss.perExample(net.forward(x, ForwardPass.inference()), y).sum());
                for (int k = 0; k < looped.size(); k++) {
                    rows.get(k).add(params.get(looped.get(k)).getGradient().duplicate().expandDims(0));
                }
            }
            Autograd.clear(params);
            for (int k = 0; k < looped.size(); k++) {
                out[looped.get(k)] = new PerExampleRows.Explicit(NDArrays.concat(new NDList(rows.get(k)), 0));
            }
        }
        return new Factored(List.of(out), meanLoss);
    }

    /** Per-example gradients in factored form, one entry per parameter in network order, and the batch's mean loss. */
    public record Factored(List<PerExampleRows> rows, double meanLoss) {}

    /** Exact norms for the named parameters by one backward pass per example. */
    private static void loopOverExamples(Network net, Batch batch, Loss loss, List<String> names, List<String> looped,
                                         double[][] norms) {
        List<NDArray> params = net.parameterList();
        for (int i = 0; i < batch.size(); i++) {
            try (NDScope scope = new NDScope()) {
                NDArray x = batch.x().get(i + ":" + (i + 1));
                NDArray y = batch.y().get(i + ":" + (i + 1));
                Autograd.clear(params);
                Autograd.backward(() -> loss.perExample(net.forward(x, ForwardPass.inference()), y).sum());
                for (String name : looped) {
                    NDArray g = net.parameters().get(name).getGradient();
                    norms[names.indexOf(name)][i] = Tensors.scalar(g.square().sum());
                }
            }
        }
        Autograd.clear(params);
    }

    /** sum_j x[i, j]^2 for every row i (any trailing shape). */
    private static double[] rowSquares(NDArray x) {
        long rows = x.getShape().get(0);
        return Tensors.doubles(x.reshape(rows, -1).square().sum(new int[] {1}));
    }
}
