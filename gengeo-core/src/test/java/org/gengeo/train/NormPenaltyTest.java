package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;

/** The norm penalty beta ||w||: its gradient against finite differences, and its switch-off after N epochs. */
class NormPenaltyTest {
    private static final double BETA = 0.3;

    /** The penalised objective mean loss + beta ||w|| at the network's current weights. */
    private static double objective(Network net, Batch b) {
        double loss = Tensors.scalar(Loss.CROSS_ENTROPY.mean(net.forward(b.x(), ForwardPass.inference()), b.y()));
        double sum = 0;
        for (NDArray p : net.parameterList()) {
            for (double v : Tensors.doubles(p)) {
                sum += v * v;
            }
        }
        return loss + BETA * Math.sqrt(sum);
    }

    private static void setEntry(NDArray p, int j, double value) {
        double[] v = Tensors.doubles(p);
        v[j] = value;
        p.set(p.getManager().create(v, p.getShape()).toByteBuffer());
    }

    @Test
    void gradientMatchesCentralDifferencesOfLossPlusBetaNorm() {
        try (Network net = RobustOptimizersTest.net(); NDManager m = TensorEngine.newManager()) {
            Batch b = new DeviceData(RobustOptimizersTest.data(12, 3), m, Precision.FLOAT64).slice(0, 12);
            GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, new WeightDecay(0, WeightDecay.Mode.L2),
                    new NormPenalty(BETA, 5), 0, null);
            oracle.atEpoch(4);
            List<NDArray> grads = oracle.meanGradient(b).arrays();
            double h = 1e-6;
            List<NDArray> params = net.parameterList();
            for (int i = 0; i < params.size(); i++) {
                double[] analytic = Tensors.doubles(grads.get(i));
                double[] numeric = new double[analytic.length];
                for (int j = 0; j < analytic.length; j++) {
                    double w = Tensors.doubles(params.get(i))[j];
                    setEntry(params.get(i), j, w + h);
                    double up = objective(net, b);
                    setEntry(params.get(i), j, w - h);
                    double down = objective(net, b);
                    setEntry(params.get(i), j, w);
                    numeric[j] = (up - down) / (2 * h);
                }
                assertArrayEquals(numeric, analytic, 1e-8, "parameter " + i);
            }
        }
    }

    @Test
    void penaltyIsOffFromEpochNOnAndAddsBetaWOverNormBefore() {
        try (Network net = RobustOptimizersTest.net(); NDManager m = TensorEngine.newManager()) {
            Batch b = new DeviceData(RobustOptimizersTest.data(12, 3), m, Precision.FLOAT64).slice(0, 12);
            WeightDecay none = new WeightDecay(0, WeightDecay.Mode.L2);
            GradientOracle plain = new GradientOracle(net, Loss.CROSS_ENTROPY, none, 0, null);
            GradientOracle penalised = new GradientOracle(net, Loss.CROSS_ENTROPY, none, new NormPenalty(BETA, 3), 0, null);
            List<NDArray> params = net.parameterList();
            double norm = NormPenalty.norm(params);
            double[][] unpenalised = new double[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                unpenalised[i] = Tensors.doubles(plain.meanGradient(b).arrays().get(i));
            }
            for (int epoch : new int[] {2, 3, 7}) {
                penalised.atEpoch(epoch);
                for (int i = 0; i < params.size(); i++) {
                    double[] got = Tensors.doubles(penalised.meanGradient(b).arrays().get(i));
                    double[] w = Tensors.doubles(params.get(i));
                    for (int j = 0; j < got.length; j++) {
                        double expected = unpenalised[i][j] + (epoch < 3 ? BETA * w[j] / norm : 0);
                        if (epoch < 3) {
                            assertEquals(expected, got[j], 1e-15, "epoch " + epoch);
                        } else {
                            assertEquals(expected, got[j], 0.0, "epoch " + epoch + ": the penalty must be off");
                        }
                    }
                }
            }
        }
    }

    @Test
    void optionsAreValidated() {
        TrainConfig base = TrainConfig.defaults();
        assertEquals(new NormPenalty(0.01, NormPenalty.DEFAULT_EPOCHS), NormPenalty.of(base.with("norm-penalty", 0.01)));
        assertEquals(NormPenalty.NONE, NormPenalty.of(base));
        assertThrows(GengeoException.class, () -> base.with("norm-penalty", -1.0).validate());
        assertThrows(GengeoException.class, () -> base.with(Map.of("norm-penalty", 0.1, "norm-penalty-epochs", 0)).validate());
        assertThrows(GengeoException.class, () -> base.with("norm-penalty-epochs", 10).validate());
    }
}
