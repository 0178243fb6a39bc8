package org.gengeo.duality;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.curvature.DenseHessian;
import org.gengeo.curvature.Eigenpairs;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.Lanczos;
import org.gengeo.curvature.ParameterBlock;
import org.gengeo.stats.Correlations;

/**
 * The activity-weight duality decomposition of the generalization loss on one dense layer (Feng
 * and Tu 2022, arXiv 2203.10736; the procedure of the authors' code):
 * <ol>
 *   <li>pair each test example x_k with its nearest same-class training example x_nn(k);</li>
 *   <li>dual weights dw_k = vec((W da_k) a_k^T / |a_k|^2) ({@link DualWeights}), so that
 *       dl_k = l(x_k; W) - l(x_nn; W) = l(x_nn; W + dw_k) - l(x_nn; W) exactly;</li>
 *   <li>effective gradients g_k = dl_k dw_k / |dw_k|^2 (g_k . dw_k = dl_k);</li>
 *   <li>the eigenvectors v_n of the Hessian H = sum_n h_n v_n v_n^T of the mean clean training loss
 *       with respect to the layer's weights; projections theta_{k,n} = v_n . dw_k, gamma_{k,n} = v_n . g_k;</li>
 *   <li>per-direction statistics, and the exact identity
 *       mean_k dl_k = sum_n (mu_{g,n} mu_{w,n} + c_n sigma_{g,n} sigma_{w,n});</li>
 *   <li>the second-order reading 1/2 sum_n h_n (sigma_{w,n}^2 + mu_{w,n}^2) and the sharp/flat split.</li>
 * </ol>
 * The network should be float64; dropout is off throughout.
 */
public final class DualityAnalysis {
    private DualityAnalysis() {}

    /**
     * Runs the analysis.
     *
     * @param net           the trained network (float64 recommended)
     * @param cleanTrain    the training set without mislabelled examples
     * @param test          the test set
     * @param excludedTrain how many mislabelled training examples were removed (for the record)
     */
    public static DualityResult run(Network net, Dataset cleanTrain, Dataset test, DualityOptions o, String runName,
                                    Provenance provenance, int excludedTrain) {
        o.validate();
        if (net.architecture().batchNorm()) {
            throw new GengeoException("the duality analysis is for ReLU networks without batch norm; " + net.architecture().spec()
                    + " has batch norm between its layers");
        }
        long start = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        int layer = LayerTrace.parseLayer(net, o.layer());
        LayerSpec.Dense dense = LayerTrace.denseLayer(net, layer);
        if (o.augmented() && !dense.bias()) {
            throw new GengeoException("--augmented needs a model with biases; " + net.architecture().spec() + " has none");
        }
        List<String> blockNames = o.augmented() ? List.of(dense.weight(), dense.name() + ".bias") : List.of(dense.weight());
        int m = dense.out();
        int d = dense.in();
        int dim = m * d + (o.augmented() ? m : 0);

        long t = System.nanoTime();
        LayerTrace train = LayerTrace.of(net, cleanTrain, layer, o.chunk());
        LayerTrace tested = LayerTrace.of(net, test, layer, o.chunk());
        t = lap(timings, "activities", t);

        Pairs pairs = pair(cleanTrain, test, train, tested, o);
        t = lap(timings, "pairing", t);

        String method = method(o, net, layer, dim);
        Eigenpairs eig = eigenbasis(method, net, cleanTrain, train, blockNames, o, timings);
        t = System.nanoTime();

        int dirs = eig.size();
        double[] w = Tensors.doubles(net.parameters().get(dense.weight()));
        PairStream stream = new PairStream(w, m, d, o.augmented(), eig, o.chunk());
        double[] a = new double[d];
        double[] aPrime = new double[d];
        for (int p = 0; p < pairs.size(); p++) {
            int i = pairs.train()[p];
            int k = pairs.test()[p];
            System.arraycopy(train.inputs(), i * d, a, 0, d);
            System.arraycopy(tested.inputs(), k * d, aPrime, 0, d);
            stream.add(a, aPrime, tested.losses()[k] - train.losses()[i], train.losses()[i], pairs.distance()[p]);
        }
        PairStream.Tally tally = stream.finish(eig.values());
        if (tally.used() == 0) {
            throw new GengeoException("no usable test/train pair: every training partner has zero activity at fc" + layer);
        }
        boolean complete = dirs == dim;
        DualityResult.Directions dir = tally.directions();
        lap(timings, "projections", t);

        double meanTerms = 0;
        double covTerms = 0;
        double second = 0;
        double secondSigma = 0;
        double sumSigmaW2 = 0;
        double sumSecondW = 0;
        double sumSigmaG2 = 0;
        for (int n = 0; n < dirs; n++) {
            meanTerms += dir.muG()[n] * dir.muW()[n];
            covTerms += dir.c()[n] * dir.sigmaG()[n] * dir.sigmaW()[n];
            double s2 = dir.sigmaW()[n] * dir.sigmaW()[n];
            second += 0.5 * dir.h()[n] * (s2 + dir.muW()[n] * dir.muW()[n]);
            secondSigma += 0.5 * dir.h()[n] * s2;
            sumSigmaW2 += s2;
            sumSecondW += s2 + dir.muW()[n] * dir.muW()[n];
            sumSigmaG2 += dir.sigmaG()[n] * dir.sigmaG()[n];
        }
        int[] bySigmaG = IntStream.range(0, dirs).boxed().sorted(Comparator.comparingDouble((Integer n) -> -dir.sigmaG()[n]))
                .mapToInt(Integer::intValue).toArray();
        int[] byH = IntStream.range(0, dirs).toArray();
        double weightNorm = Math.sqrt(Arrays.stream(w).map(v -> v * v).sum());
        double trainLoss = train.meanLoss();
        double testLoss = tested.meanLoss();
        timings.put("total", (System.nanoTime() - start) / 1e9);
        return new DualityResult(provenance, runName, o, dense.name(), blockNames, dim, method, complete, cleanTrain.size(), excludedTrain,
                test.size(), tally.used(), tally.skipped(), tally.zero(), o.allPairs() ? Double.NaN : tally.meanDistance(), trainLoss,
                testLoss, testLoss - trainLoss, tally.meanPairedLoss(), tally.meanDl(),
                new DualityResult.Identity(meanTerms, covTerms, dir.remainder(), meanTerms + covTerms + dir.remainder()),
                new DualityResult.SecondOrder(second, secondSigma, !complete),
                split("sigma_g", bySigmaG, dir, o.sharp()), split("h", byH, dir, o.sharp()),
                new DualityResult.Size(sumSigmaW2, sumSecondW, tally.meanDw2(), weightNorm, sumSigmaG2), shape(dir),
                dir, bySigmaG, timings);
    }

    /** The pairing the options ask for. */
    static Pairs pair(Dataset cleanTrain, Dataset test, LayerTrace train, LayerTrace tested, DualityOptions o) {
        if (o.allPairs()) {
            return SameClassNeighbours.allSameClass(test.labels(), cleanTrain.labels());
        }
        if (o.space().equals("hidden")) {
            return SameClassNeighbours.nearest(tested.inputs(), test.labels(), train.inputs(), cleanTrain.labels(), train.inputDim(),
                    o.neighbours());
        }
        return SameClassNeighbours.nearest(test.features(), test.labels(), cleanTrain.features(), cleanTrain.labels(),
                cleanTrain.featureSize(), o.neighbours());
    }

    /** The Hessian method in force: "auto" picks the closed form for small ReLU layers, autograd for other small ones, else Lanczos. */
    static String method(DualityOptions o, Network net, int layer, int dim) {
        String chosen = o.hessian();
        if (chosen.equals("auto")) {
            chosen = dim > o.denseLimit() ? "lanczos" : ReluLayerHessian.applies(net, layer) ? "closed-form" : "autograd";
        }
        if (!chosen.equals("lanczos") && dim > DenseHessian.MAX_DIM) {
            throw new GengeoException("layer fc" + layer + " has " + dim + " parameters, above the dense limit of " + DenseHessian.MAX_DIM
                    + "; use --hessian lanczos");
        }
        return chosen;
    }

    private static Eigenpairs eigenbasis(String method, Network net, Dataset cleanTrain, LayerTrace train, List<String> block,
                                         DualityOptions o, Map<String, Double> timings) {
        long t = System.nanoTime();
        if (method.equals("closed-form")) {
            DenseHessian h = DenseHessian.of(ReluLayerHessian.of(net, train, o.augmented()));
            t = lap(timings, "hessian", t);
            Eigenpairs e = h.eigen();
            lap(timings, "eigen", t);
            return e;
        }
        Loss loss = Loss.forOutputs(net.architecture().outputs());
        try (NDManager memory = TensorEngine.newManager();
             HessianOperator op = new HessianOperator(net, new DeviceData(cleanTrain, memory, net.precision()), loss,
                     ParameterBlock.of(net, block), o.chunk())) {
            if (method.equals("autograd")) {
                DenseHessian h = DenseHessian.of(op);
                t = lap(timings, "hessian", t);
                Eigenpairs e = h.eigen();
                lap(timings, "eigen", t);
                return e;
            }
            int k = Math.min(o.top(), op.dim());
            Eigenpairs e = Lanczos.extremes(op, k, 0, Math.min(op.dim(), Math.max(4 * k, 80)), 1e-6, o.seed());
            lap(timings, "lanczos", t);
            return e;
        }
    }

    private static DualityResult.Shape shape(DualityResult.Directions d) {
        int n = d.h().length;
        double mean = Arrays.stream(d.c()).average().orElse(Double.NaN);
        double var = Arrays.stream(d.c()).map(c -> (c - mean) * (c - mean)).sum() / n;
        boolean ranked = n > 1;
        return new DualityResult.Shape(ranked ? Correlations.spearman(d.sigmaG(), d.h()) : Double.NaN,
                ranked ? Correlations.spearman(d.sigmaW(), d.h()) : Double.NaN, mean, Math.sqrt(var));
    }

    private static DualityResult.Split split(String ordering, int[] order, DualityResult.Directions dir, int sharp) {
        double sc = 0;
        double fc = dir.remainder();
        double st = 0;
        double ft = dir.remainder();
        for (int r = 0; r < order.length; r++) {
            int n = order[r];
            double cov = dir.c()[n] * dir.sigmaG()[n] * dir.sigmaW()[n];
            double all = cov + dir.muG()[n] * dir.muW()[n];
            if (r < sharp) {
                sc += cov;
                st += all;
            } else {
                fc += cov;
                ft += all;
            }
        }
        return new DualityResult.Split(ordering, Math.min(sharp, order.length), sc, fc, st, ft);
    }

    private static long lap(Map<String, Double> timings, String name, long since) {
        long now = System.nanoTime();
        timings.put(name, (now - since) / 1e9);
        return now;
    }

    /**
     * The training examples whose labels gengeo made wrong ({@code --label-noise} corruptions and
     * {@code --attack} points), which the analysis leaves out of the training loss, the Hessian and the pairing.
     */
    public static int[] mislabelled(DataSplit split) {
        return IntStream.concat(indices(split.info().get("corruptedIndices")), indices(split.info().get("attackIndices")))
                .distinct().sorted().toArray();
    }

    /** The training set without its mislabelled examples. */
    public static Dataset cleanTrain(DataSplit split) {
        int[] bad = mislabelled(split);
        boolean[] out = new boolean[split.train().size()];
        for (int i : bad) {
            out[i] = true;
        }
        return split.train().select(IntStream.range(0, out.length).filter(i -> !out[i]).toArray());
    }

    private static IntStream indices(Object v) {
        if (v instanceof int[] a) {
            return IntStream.of(a);
        }
        if (v instanceof List<?> l) {
            return l.stream().mapToInt(x -> ((Number) x).intValue());
        }
        return IntStream.empty();
    }
}
