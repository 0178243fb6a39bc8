package org.gengeo.pergrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.pergrad.layers.LayerGradients;

/**
 * Per-example gradients without a loop over examples: one forward and one backward pass of the summed
 * loss (whose parameter gradient is the sum S), with a zero tensor added to the output of every layer
 * that has parameters, so that its gradient is each example's dl_i/d(output); each layer type's rules
 * ({@link LayerGradients}: dense, convolution, batch norm in evaluation mode) turn that and the layer's
 * input into the per-example gradients or their norms. Parameters of a layer type without such rules
 * are taken by one backward pass per example, and the result lists them in
 * {@link PerExampleNorms#loopedParameters()}. Inference pass: dropout off, batch norm on running statistics.
 */
public final class PerExampleGradients {
    private PerExampleGradients() {}

    /** Records each parametrised layer's input and adds a zero leaf to its output. */
    private static final class Probe extends ForwardPass {
        final Map<LayerSpec, NDArray> inputs = new LinkedHashMap<>();
        final Map<LayerSpec, NDArray> zeros = new LinkedHashMap<>();

        Probe() {
            super(false, 0);
        }

        @Override
        public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
            inputs.put(layer, a);
            return a;
        }

        @Override
        public NDArray preActivation(LayerSpec.Weighted layer, NDArray z) {
            return probe(layer, z);
        }

        @Override
        public NDArray normInput(LayerSpec.BatchNorm norm, NDArray z) {
            inputs.put(norm, z);
            return z;
        }

        @Override
        public NDArray normOutput(LayerSpec.BatchNorm norm, NDArray y) {
            return probe(norm, y);
        }

        private NDArray probe(LayerSpec layer, NDArray z) {
            NDArray zero = z.getManager().zeros(z.getShape(), z.getDataType());
            Autograd.track(zero, true);
            zeros.put(layer, zero);
            return z.add(zero);
        }
    }

    /** One pass of the summed loss with the probe: the sums S per parameter are left in the parameters' gradients. */
    private static Probe probedPass(Network net, Batch batch, Loss loss, NDArray[] total) {
        Autograd.clear(net.parameterList());
        Probe probe = new Probe();
        total[0] = Autograd.backward(() -> loss.perExample(net.forward(batch.x(), probe), batch.y()).sum());
        return probe;
    }

    /** Norms and sums for {@code batch}; arrays created here are freed before returning. */
    public static PerExampleNorms compute(Network net, Batch batch, Loss loss) {
        int m = (int) batch.size();
        List<String> names = new ArrayList<>(net.parameters().keySet());
        double[][] norms = new double[names.size()][];
        List<double[]> sums = new ArrayList<>();
        List<String> looped = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            List<NDArray> params = net.parameterList();
            Probe probe = probedPass(net, batch, loss, new NDArray[1]);
            for (NDArray g : Autograd.gradients(params)) {
                sums.add(Tensors.doubles(g));
            }
            for (LayerSpec layer : net.architecture().allLayers()) {
                LayerGradients rules = LayerGradients.of(layer, net);
                if (rules == null || layer.parameters().isEmpty()) {
                    continue;
                }
                List<double[]> layerNorms = rules.squaredNorms(probe.inputs.get(layer), probe.zeros.get(layer).getGradient());
                for (int k = 0; k < layerNorms.size(); k++) {
                    norms[names.indexOf(layer.parameters().get(k).name())] = layerNorms.get(k);
                }
            }
            Autograd.clear(params);
        }
        for (int p = 0; p < names.size(); p++) {
            if (norms[p] == null) {
                looped.add(names.get(p));
                norms[p] = new double[m];
            }
        }
        if (!looped.isEmpty()) {
            loopOverExamples(net, batch, loss, names, looped, norms);
        }
        return new PerExampleNorms(names, norms, sums, looped);
    }

    /**
     * Every example's gradient, one entry per parameter in network order: dense weights in factored
     * form g_W,i = delta_i a_i^T, everything else as explicit rows (convolutions from one grouped
     * convolution, batch norms from their closed form), from one forward and backward pass; parameters of
     * a layer type without rules by one backward pass per example. Arrays live in the current scope.
     */
    public static Factored factored(Network net, Batch batch, Loss loss) {
        int m = (int) batch.size();
        List<String> names = new ArrayList<>(net.parameters().keySet());
        List<NDArray> params = net.parameterList();
        PerExampleRows[] out = new PerExampleRows[names.size()];
        NDArray[] total = new NDArray[1];
        Probe probe = probedPass(net, batch, loss, total);
        double meanLoss = Tensors.scalar(total[0]) / m;
        for (LayerSpec layer : net.architecture().allLayers()) {
            LayerGradients rules = LayerGradients.of(layer, net);
            if (rules == null || layer.parameters().isEmpty()) {
                continue;
            }
            List<PerExampleRows> rows = rules.rows(probe.inputs.get(layer), probe.zeros.get(layer).getGradient());
            for (int k = 0; k < rows.size(); k++) {
                out[names.indexOf(layer.parameters().get(k).name())] = rows.get(k);
            }
        }
        Autograd.clear(params);
        List<Integer> looped = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            if (out[p] == null) {
                looped.add(p);
            }
        }
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
}
