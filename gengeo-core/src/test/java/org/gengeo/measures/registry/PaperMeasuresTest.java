package org.gengeo.measures.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.measures.Sharpness;
import org.gengeo.measures.SharpnessOptions;
import org.gengeo.train.TrainConfig;
import org.junit.jupiter.api.Test;

/** The measures of the four papers as registry entries: margin area against a hand computation, the others against their commands' code. */
class PaperMeasuresTest {
    static Network net(String spec) {
        TensorEngine.ensureStarted();
        return Network.initialise(Architecture.parse(spec), Activation.TANH, 0, Init.parse("torch"), 4, Precision.FLOAT64);
    }

    @Test
    void marginAreaIsTheMeanMarginOverTheProductOfWeightNorms() {
        Dataset train = RandomData.gaussian(40, 5, 3, 2);
        try (Network net = net("mlp:5-6-3")) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(train, train, Map.of()), net);
            double norms = 1;
            for (Map.Entry<String, double[]> w : c.weights().entrySet()) {
                if (w.getKey().endsWith(".weight")) {
                    norms *= norm(w.getValue());
                }
            }
            MeasureValue v = new MarginArea().compute(c, MeasureParameters.of(new MarginArea(), Map.of()));
            assertEquals(meanMargin(net, train) / norms, v.value(), 1e-12);
        }
    }

    private static double norm(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The mean of f_y - max_{j != y} f_j over the examples of {@code data}, from the logits of one inference pass. */
    private static double meanMargin(Network net, Dataset data) {
        double[] logits;
        try (NDManager m = TensorEngine.newManager()) {
            logits = Tensors.doubles(net.forward(new DeviceData(data, m, Precision.FLOAT64).slice(0, data.size()).x(), ForwardPass.inference()));
        }
        int[] labels = data.labels();
        int k = data.numClasses();
        double mean = 0;
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            double other = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j != y) {
                    other = Math.max(other, logits[i * k + j]);
                }
            }
            mean += (logits[i * k + y] - other) / labels.length;
        }
        return mean;
    }

    @Test
    void marginAreaOfABatchNormModelUnderTheScaleInvariantReadingDividesByGammaAndTheLastLayer() {
        Dataset train = RandomData.gaussian(40, 5, 3, 2);
        try (Network net = net("mlp:5-6-3:bn")) {
            double rho = 1;
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(train, train, Map.of()), net);
            for (String name : new String[] {"fc0_bn.weight", "fc1.weight"}) {
                rho *= norm(c.weights().get(name));
            }
            MeasureValue v = new MarginArea().compute(c, MeasureParameters.of(new MarginArea(), Map.of("bn-scale-invariant", 1.0)));
            assertEquals(meanMargin(net, train) / rho, v.value(), 1e-12);
            assertThrows(GengeoException.class,
                    () -> new MarginArea().compute(c, MeasureParameters.of(new MarginArea(), Map.of("bn-scale-invariant", 2.0))));
        }
    }

    @Test
    void keskarSharpnessIsWhatGengeoSharpnessComputesOnTheSample() {
        Dataset train = RandomData.gaussian(50, 5, 3, 3);
        try (Network net = net("mlp:5-6-3")) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(train, train, Map.of()), net);
            MeasureValue v = new KeskarSharpness().compute(c, MeasureParameters.of(new KeskarSharpness(), Map.of("steps", 20.0)));
            SharpnessOptions d = SharpnessOptions.defaults();
            double direct = Sharpness.run(net, train, new SharpnessOptions(1e-4, 20, d.stepFraction(), 0, d.chunk(), false,
                    d.lanczosSteps(), d.probes()), null, null).sharpness();
            assertEquals(direct, v.value(), 1e-12);
            assertTrue(v.value() >= 0);
        }
    }

    @Test
    void priorVolumeNeedsABinaryModelAndIsALogProbability() {
        Dataset multi = RandomData.gaussian(30, 5, 3, 4);
        try (Network net = net("mlp:5-6-3")) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(multi, multi, Map.of()), net);
            assertThrows(GengeoException.class, () -> new LogPriorVolume().compute(c, MeasureParameters.of(new LogPriorVolume(), Map.of())));
        }
        Dataset binary = RandomData.gaussian(30, 5, 2, 5);
        try (Network net = net("mlp:5-6-1")) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(binary, binary, Map.of()), net);
            double log10P = new LogPriorVolume().compute(c, MeasureParameters.of(new LogPriorVolume(), Map.of("test-points", 10.0))).value();
            // a probability of 40 binary labels: below 1, and (a loose sanity bound) above 8^-40
            assertTrue(log10P < 0 && log10P > -40 * Math.log10(2) * 3, "log10 P = " + log10P);
        }
    }

    @Test
    void dualSharpTermIsPartOfTheExactDecomposition() {
        Dataset train = RandomData.gaussian(60, 5, 3, 6);
        Dataset test = RandomData.gaussian(30, 5, 3, 7);
        TensorEngine.ensureStarted();
        try (Network net = Network.initialise(Architecture.parse("mlp:5-8-3"), Activation.RELU, 0, Init.parse("he"), 4, Precision.FLOAT64)) {
            MeasureContext c = new MeasureContext(TrainConfig.defaults(), new DataSplit(train, test, Map.of()), net);
            MeasureValue v = new DualSharpTerm().compute(c, MeasureParameters.of(new DualSharpTerm(), Map.of()));
            double identity = v.details().get("identity_total");
            assertEquals(identity, v.value() + v.details().get("flat_term"), 1e-9 * Math.max(1, Math.abs(identity)));
            assertTrue(v.details().get("dual_size") >= 0);
        }
    }
}
