package org.gengeo.measures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.BatchNorm;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.curvature.Eigenpairs;
import org.gengeo.curvature.FrobeniusNorm;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.Hutchinson;
import org.gengeo.curvature.Lanczos;
import org.gengeo.curvature.ParameterBlock;
import org.gengeo.curvature.TraceEstimate;

/**
 * Sharpness-style flatness measures of a trained network's training loss, as compared by Zhang et
 * al. 2021 ("Why flatness does and does not correlate with generalization for deep neural networks"):
 * <ul>
 *   <li>Keskar et al.'s eps-sharpness 100 (max_{w' in C_eps} L(w') - L(w)) / (1 + L(w)), the maximum
 *   found by {@link BoxAscent};</li>
 *   <li>the top Hessian eigenvalue (Lanczos), its trace (Hutchinson) and its Frobenius norm
 *   ||H||_F = sqrt(E ||H z||^2) over Rademacher z;</li>
 *   <li>the product of the layers' weight Frobenius norms (a norm-based capacity measure).</li>
 * </ul>
 */
public final class Sharpness {
    private Sharpness() {}

    /** Measures {@code net} on {@code train}. */
    public static SharpnessResult run(Network net, Dataset train, SharpnessOptions o, String runName, Provenance provenance) {
        o.validate();
        long start = System.nanoTime();
        Loss loss = Loss.forOutputs(net.architecture().outputs());
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData data = new DeviceData(train, memory, net.precision());
            TrainingLoss objective = new TrainingLoss(net, data, loss, o.chunk());
            BoxAscent.Result ascent = BoxAscent.maximise(objective, objective.centre(), o.eps(), o.steps(), o.stepFraction(), o.seed());
            double l0 = ascent.centreValue();
            double sharpness = 100 * (ascent.maxValue() - l0) / (1 + l0);
            double top = Double.NaN;
            double residual = Double.NaN;
            double trace = Double.NaN;
            double traceError = Double.NaN;
            double frob = Double.NaN;
            double frobError = Double.NaN;
            if (o.curvature()) {
                try (HessianOperator h = new HessianOperator(net, data, loss, ParameterBlock.all(net), o.chunk())) {
                    Eigenpairs e = Lanczos.extremes(h, 1, 0, o.lanczosSteps(), 1e-6, o.seed());
                    top = e.values()[0];
                    residual = e.residuals()[0];
                    TraceEstimate t = Hutchinson.trace(h, o.probes(), o.probes(), 1e-3, o.seed() + 1);
                    trace = t.trace();
                    traceError = t.standardError();
                    double[] f = FrobeniusNorm.estimate(h, o.probes(), o.seed() + 2);
                    frob = f[0];
                    frobError = f[1];
                }
            }
            return new SharpnessResult(provenance, runName, o, train.size(), net.parameterCount(), l0, ascent.maxValue(),
                    sharpness, ascent.largestBoxRatio(), top, residual, trace, traceError, frob, frobError,
                    weightNormProduct(net), (System.nanoTime() - start) / 1e9);
        }
    }

    /** prod over weight tensors (not biases, not batch-norm gammas) of their Frobenius norms. */
    public static double weightNormProduct(Network net) {
        double product = 1;
        for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
            if (net.role(p.getKey()) == Network.Role.WEIGHT) {
                double sq = 0;
                for (double w : Tensors.doubles(p.getValue())) {
                    sq += w * w;
                }
                product *= Math.sqrt(sq);
            }
        }
        return product;
    }
}
