package org.gengeo.measures;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Locale;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.nngp.ExpectationPropagation;
import org.gengeo.nngp.LaplaceApproximation;
import org.gengeo.nngp.MarginalLikelihood;
import org.gengeo.nngp.MlpKernel;

/**
 * log P(f), the prior probability ("volume") of the function f a trained binary classifier
 * expresses, as in Zhang et al. 2021 (after Valle Perez et al. 2019, "Deep learning generalizes
 * because the parameter-function map is biased towards simple functions"): f is the label vector on
 * S u E, the true labels on the training set S and the network's predicted labels on the test set E;
 * P(f) is the marginal likelihood of f under the NNGP prior of the architecture with a probit
 * likelihood, computed by Expectation Propagation. Labels 1 map to +1, 0 to -1.
 */
public final class PriorVolume {
    private PriorVolume() {}

    /**
     * Measures {@code net} with training set {@code s} (true labels, attack points already removed)
     * and test set {@code e} (the first {@code o.testPoints()} examples are used).
     *
     * @param init the initialisation the empirical kernel draws networks from
     */
    public static VolumeResult run(Network net, Init init, Dataset s, Dataset e, VolumeOptions o, String runName,
                                   Provenance provenance) {
        o.validate();
        if (net.architecture().outputs() != 1) {
            throw new GengeoException("volume needs a binary model with one output logit; this one has "
                    + net.architecture().outputs() + " outputs");
        }
        Dataset test = e.select(java.util.stream.IntStream.range(0, Math.min(o.testPoints(), e.size())).toArray());
        if (s.numClasses() != 2) {
            throw new GengeoException("volume needs binary labels (use --binary); the training set has " + s.numClasses() + " classes");
        }
        int[] predicted = predictedFunction(net, test);
        int n = s.size() + test.size();
        int[] y = new int[n];
        int hits = 0;
        for (int i = 0; i < s.size(); i++) {
            y[i] = s.labels()[i] == 1 ? 1 : -1;
        }
        for (int i = 0; i < test.size(); i++) {
            y[s.size() + i] = predicted[i];
            hits += (predicted[i] == 1 ? 1 : 0) == test.labels()[i] ? 1 : 0;
        }
        Dataset all = concat(s, test);
        long t0 = System.nanoTime();
        Kernel k = kernel(net, init, all, o);
        long t1 = System.nanoTime();
        MarginalLikelihood ep = logPrior(k, y, o);
        long t2 = System.nanoTime();
        MarginalLikelihood laplace = o.laplace() ? LaplaceApproximation.defaults().logMarginal(k.matrix(), y) : null;
        long t3 = System.nanoTime();
        return new VolumeResult(provenance, runName, o, k.description(), s.size(), test.size(),
                test.size() == 0 ? Double.NaN : (double) hits / test.size(), ep.logZ(), ep.log10Z(), ep, laplace, k.samples(),
                k.meanRelativeError(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    /**
     * The prior's covariance K(x, x') of the network's output over the examples of {@code all}.
     *
     * @param matrix            the n x n kernel
     * @param description       how it was obtained (analytic with its variances, or empirical with its networks)
     * @param samples           random networks behind an empirical kernel (0 for the analytic one)
     * @param meanRelativeError the empirical kernel's mean relative Monte Carlo error (0 for the analytic one)
     */
    public record Kernel(double[][] matrix, String description, long samples, double meanRelativeError) {}

    /**
     * The NNGP kernel of {@code net}'s architecture on {@code all}: the arc-cosine (ReLU) or erf recursion in closed
     * form for an MLP ({@code o.kernel()} analytic), or the average of f(x) f(x') over random initialisations drawn
     * from {@code init} (empirical).
     */
    public static Kernel kernel(Network net, Init init, Dataset all, VolumeOptions o) {
        int n = all.size();
        if (o.kernel().toLowerCase(Locale.ROOT).equals("analytic")) {
            if (net.torchScript() != null || net.architecture().convolutional() || net.architecture().batchNorm()) {
                throw new GengeoException("the analytic NNGP kernel is for MLPs without batch norm; use --kernel empirical for "
                        + net.architecture().spec());
            }
            MlpKernel kernel = new MlpKernel(net.activation() == Activation.RELU ? MlpKernel.Nonlinearity.RELU : MlpKernel.Nonlinearity.ERF,
                    o.sigmaW2(), o.sigmaB2(), net.architecture().denseLayers().size() - 1);
            return new Kernel(kernel.matrix(all.features(), n, all.featureSize()), "analytic "
                    + kernel.nonlinearity().name().toLowerCase(Locale.ROOT) + " sigma_w^2=" + o.sigmaW2() + " sigma_b^2=" + o.sigmaB2()
                    + " hidden_layers=" + kernel.hiddenLayers(), 0, 0);
        }
        EmpiricalNngpKernel.Estimate est = EmpiricalNngpKernel.estimate(net.architecture(), net.activation(), init, all,
                o.networks(), o.seed(), net.precision());
        return new Kernel(est.kernel(), "empirical " + net.architecture().spec() + " init=" + init.label() + " networks=" + o.networks(),
                est.samples(), est.meanRelativeError());
    }

    /** log P(y) of the labels y (+1 / -1, in {@code k}'s example order) under the GP prior with a probit likelihood, by EP. */
    public static MarginalLikelihood logPrior(Kernel k, int[] y, VolumeOptions o) {
        return new ExpectationPropagation(o.tolerance(), o.maxSweeps()).logMarginal(k.matrix(), y);
    }

    /** The function {@code net} expresses on {@code data}: its predicted label of each example, 1 as +1 and 0 as -1. */
    public static int[] predictedFunction(Network net, Dataset data) {
        boolean[] correct;
        try (NDManager memory = TensorEngine.newManager()) {
            correct = Evaluation.correctness(net, new DeviceData(data, memory, net.precision()), Loss.BINARY_CROSS_ENTROPY);
        }
        int[] y = new int[data.size()];
        for (int i = 0; i < y.length; i++) {
            int predicted = correct[i] ? data.labels()[i] : 1 - data.labels()[i];
            y[i] = predicted == 1 ? 1 : -1;
        }
        return y;
    }

    /** The examples of {@code a} followed by those of {@code b}. */
    public static Dataset concat(Dataset a, Dataset b) {
        float[] x = Arrays.copyOf(a.features(), a.features().length + b.features().length);
        System.arraycopy(b.features(), 0, x, a.features().length, b.features().length);
        int[] y = Arrays.copyOf(a.labels(), a.size() + b.size());
        System.arraycopy(b.labels(), 0, y, a.size(), b.size());
        return new Dataset(a.name(), a.sampleShape(), x, y, Math.max(a.numClasses(), b.numClasses()));
    }

    /** The training set without its attack points (the last {@code attack} examples). */
    public static Dataset withoutAttack(Dataset train, int attack) {
        return train.select(java.util.stream.IntStream.range(0, train.size() - attack).toArray());
    }
}
