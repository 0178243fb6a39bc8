package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.Seeds;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Batch;

/**
 * Entropy-SGD (Chaudhari, Choromanska, Soatto, LeCun, Baldassi, Borgs, Chayes, Sagun, Zecchina 2017,
 * "Entropy-SGD: biasing gradient descent into wide valleys", Algorithm 1). One outer step at weights w:
 * <pre>
 *   w' &larr; w, mu &larr; w
 *   for l = 1..L:                                   (one minibatch each)
 *     dw' = grad f_l(w') - gamma (w - w')
 *     w'  &larr; w' - eta' dw' + sqrt(eta') epsilon N(0, I)
 *     mu  &larr; (1 - alpha) mu + alpha w'
 *   w &larr; w - eta gamma (w - mu)
 * </pre>
 * eta is {@code --lr}; gamma may follow the scoping schedule gamma (1 + gamma_1)^t over outer steps t.
 * The inner loop samples the Gibbs measure exp(-f(w')/T - gamma/(2T) |w - w'|^2), T = epsilon^2 / 2, by
 * stochastic-gradient Langevin dynamics, and mu estimates its mean; -gamma (w - mu) is the gradient of
 * the local entropy at w. For a quadratic f = w^T A w / 2 that mean is gamma (A + gamma I)^-1 w,
 * whatever T is.
 *
 * <p>Minibatches and epochs: the first inner step uses the training loop's minibatch, the other L - 1
 * draw their own minibatches of the same size, uniformly without replacement from the training set
 * ({@link GradientOracle#randomBatch}). The training loop counts outer steps, so an epoch is
 * ceil(N / batch) outer steps, which evaluate L times as many minibatch gradients as an epoch of SGD.
 * No momentum is applied to the outer update. The Langevin noise of outer step t and inner step l
 * comes from the stream {@code Seeds.random(seed, "langevin", t, l)}, so a resumed run is identical.
 * The reported loss is that of the first minibatch at w.
 */
public final class EntropySgd implements Optimizer {
    private final EntropySgdOptions options;
    private final long seed;
    private final WeightDecay weightDecay;
    private long t;

    /** Entropy-SGD with the given settings; {@code seed} fixes the Langevin noise. */
    public EntropySgd(EntropySgdOptions options, long seed, WeightDecay weightDecay) {
        this.options = options.validate();
        this.seed = seed;
        this.weightDecay = weightDecay;
    }

    /** The gradient of the l-th inner minibatch (l = 0..L-1) at the current parameters. */
    @FunctionalInterface
    interface InnerGradient {
        GradientOracle.Gradient at(int l);
    }

    @Override
    public double step(List<NDArray> params, Batch batch, GradientOracle oracle, double lr) {
        int size = (int) batch.size();
        return step(params, l -> oracle.meanGradient(l == 0 ? batch : oracle.randomBatch(size, l)), lr);
    }

    /** One outer step with gradients from {@code gradient}; returns the loss of the first inner minibatch. */
    double step(List<NDArray> params, InnerGradient gradient, double lr) {
        double gamma = options.gammaAt(t);
        List<NDArray> w = new ArrayList<>(params.size());
        for (NDArray p : params) {
            w.add(p.duplicate());
        }
        InnerLoop inner = localEntropyMean(params, w, gamma, gradient);
        weightDecay.shrink(w, lr);
        for (int i = 0; i < params.size(); i++) {
            NDArray next = w.get(i).sub(w.get(i).sub(inner.mean().get(i)).muli(lr * gamma));
            params.get(i).muli(0).addi(next);
        }
        t++;
        return inner.firstLoss();
    }

    /** What the inner loop returns: the running mean mu and the loss of the first minibatch at w. */
    record InnerLoop(List<NDArray> mean, double firstLoss) {}

    /**
     * The inner loop: runs L Langevin steps of w' (held in {@code params}, which start equal to
     * {@code w}) and returns the running mean mu; {@code params} are left at the last w'.
     */
    InnerLoop localEntropyMean(List<NDArray> params, List<NDArray> w, double gamma, InnerGradient gradient) {
        List<NDArray> mu = new ArrayList<>(params.size());
        for (NDArray wi : w) {
            mu.add(wi.duplicate());
        }
        double firstLoss = Double.NaN;
        double step = options.innerLr();
        double noiseScale = Math.sqrt(step) * options.noise();
        for (int l = 0; l < options.innerSteps(); l++) {
            GradientOracle.Gradient g = gradient.at(l);
            if (l == 0) {
                firstLoss = g.loss();
            }
            SplittableRandom rng = noiseScale > 0 ? Seeds.random(seed, "langevin", t, l) : null;
            for (int i = 0; i < params.size(); i++) {
                NDArray wp = params.get(i);
                NDArray direction = g.arrays().get(i).sub(w.get(i).sub(wp).muli(gamma));
                NDArray move = direction.muli(-step);
                if (rng != null) {
                    move.addi(gaussian(wp, rng).muli(noiseScale));
                }
                wp.addi(move);
                mu.get(i).muli(1 - options.alpha()).addi(wp.mul(options.alpha()));
            }
        }
        return new InnerLoop(mu, firstLoss);
    }

    private static NDArray gaussian(NDArray like, SplittableRandom rng) {
        double[] z = new double[Math.toIntExact(like.size())];
        for (int k = 0; k < z.length; k++) {
            z[k] = rng.nextGaussian();
        }
        return like.getManager().create(z, like.getShape()).toType(like.getDataType(), false);
    }

    @Override
    public Map<String, TensorData> snapshot() {
        return new java.util.LinkedHashMap<>(Map.of("step", TensorData.ofDoubles(new long[0], new double[] {t})));
    }

    @Override
    public void restore(Map<String, TensorData> saved) {
        TensorData step = saved.get("step");
        if (step != null) {
            t = (long) step.toDoubleArray()[0];
        }
    }

    /** Outer steps made so far (the t of the scoping schedule). */
    public long updates() {
        return t;
    }
}
