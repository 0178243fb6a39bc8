package org.gengeo.margins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.BatchNormFixtures;
import org.gengeo.core.model.BatchNormFolding;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;

/**
 * The two batch-norm readings of the normalised margin: folding gives the margins of the folded
 * network; the scale-invariant rho is prod ||gamma_k|| ||W_last||_F by hand, and the normalised margin
 * under it does not change when a layer before a batch norm is scaled by c (its running statistics
 * scaled as re-estimation would scale them: mean by c, variance by c^2), while the plain weight product
 * changes by c.
 */
class BatchNormMarginsTest {
    private static final String SPEC = "mlp:5-6-4-3:bn";
    private static final Dataset DATA = RandomData.gaussian(40, 5, 3, 2);

    private static Network network(Map<String, TensorData> t) {
        return network(SPEC, t);
    }

    private static Network network(String spec, Map<String, TensorData> t) {
        TensorEngine.ensureStarted();
        return Network.fromTensors(Architecture.parse(spec), Activation.RELU, 0, t, Precision.FLOAT64, "test");
    }

    private static ExampleMargins margins(Network net, boolean bias, BatchNormReading reading) {
        try (NDManager m = TensorEngine.newManager()) {
            return Margins.of(net, new DeviceData(DATA, m, Precision.FLOAT64), bias, reading);
        }
    }

    private static double norm(TensorData... parts) {
        double s = 0;
        for (TensorData t : parts) {
            for (double v : t.toDoubleArray()) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static Map<String, TensorData> scaled(Map<String, TensorData> t, Map<String, Double> factors) {
        Map<String, TensorData> out = new LinkedHashMap<>(t);
        factors.forEach((name, c) -> {
            double[] v = t.get(name).toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= c;
            }
            out.put(name, TensorData.ofDoubles(t.get(name).shape(), v));
        });
        return out;
    }

    @Test
    void foldReadingIsTheMarginOfTheFoldedNetwork() {
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(Architecture.parse(SPEC), 3);
        for (boolean bias : new boolean[] {false, true}) {
            try (Network net = network(t); Network folded = BatchNormFolding.fold(net)) {
                ExampleMargins a = margins(net, bias, BatchNormReading.FOLD);
                ExampleMargins b = margins(folded, bias, BatchNormReading.FOLD);
                assertArrayEquals(b.normalised(), a.normalised(), 1e-12);
                assertEquals(b.logNormProduct(), a.logNormProduct(), 1e-12);
                assertEquals(a.logNormProduct(), WeightNorms.logProduct(net, bias), 0, "fold is the default");
            }
        }
    }

    @Test
    void scaleInvariantRhoIsTheGammaNormsTimesTheLastLayer() {
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(Architecture.parse(SPEC), 4);
        try (Network net = network(t)) {
            double expected = Math.log(norm(t.get("fc0_bn.weight"))) + Math.log(norm(t.get("fc1_bn.weight")))
                    + Math.log(norm(t.get("fc2.weight")));
            assertEquals(expected, margins(net, false, BatchNormReading.SCALE_INVARIANT).logNormProduct(), 1e-12);
            double withBias = Math.log(norm(t.get("fc0_bn.weight"), t.get("fc0_bn.bias")))
                    + Math.log(norm(t.get("fc1_bn.weight"), t.get("fc1_bn.bias"))) + Math.log(norm(t.get("fc2.weight"), t.get("fc2.bias")));
            assertEquals(withBias, WeightNorms.logProduct(net, true, BatchNormReading.SCALE_INVARIANT), 1e-12);
        }
    }

    @Test
    void scaleInvariantMarginIgnoresTheScaleOfAPreBatchNormLayer() {
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(Architecture.parse(SPEC), 6);
        double c = 7.5;
        Map<String, TensorData> moved = scaled(t, Map.of("fc1.weight", c, "fc1.bias", c, "fc1_bn.running_mean", c,
                "fc1_bn.running_var", c * c));
        try (Network net = network(t); Network big = network(moved)) {
            double[] before = margins(net, false, BatchNormReading.SCALE_INVARIANT).normalised();
            double[] after = margins(big, false, BatchNormReading.SCALE_INVARIANT).normalised();
            double scale = 0;
            for (double v : before) {
                scale = Math.max(scale, Math.abs(v));
            }
            // exact but for eps: sqrt(c^2 var + eps) / (c sqrt(var + eps)) - 1 is below eps / var ~ 2e-5
            assertArrayEquals(before, after, 1e-4 * scale);
            double plainBefore = logPlainProduct(net);
            double plainAfter = logPlainProduct(big);
            assertEquals(Math.log(c), plainAfter - plainBefore, 1e-12, "the product over every W moves by c");
        }
    }

    /** sum_k log ||W_k||_F over the dense layers, ignoring batch norm. */
    private static double logPlainProduct(Network net) {
        double log = 0;
        for (String name : net.parameters().keySet()) {
            if (name.startsWith("fc") && !name.contains("_bn") && name.endsWith(".weight")) {
                log += Math.log(norm(Network.tensorOf(net.parameters().get(name))));
            }
        }
        return log;
    }

    /** Without a bias in the last layer the logits are homogeneous of degree 1 in (gamma, beta) of the last batch norm and in W_last. */
    @Test
    void bothReadingsIgnoreTheScaleOfTheLastLayerAndTheLastBatchNorm() {
        String spec = "mlp:5-6-4-3:nobias:bn";
        Map<String, TensorData> t = BatchNormFixtures.randomTensors(Architecture.parse(spec), 8);
        Map<String, TensorData> moved = scaled(t, Map.of("fc2.weight", 3.0, "fc1_bn.weight", 0.25, "fc1_bn.bias", 0.25));
        try (Network net = network(spec, t); Network other = network(spec, moved)) {
            for (BatchNormReading r : BatchNormReading.values()) {
                double[] a = margins(net, false, r).normalised();
                double[] b = margins(other, false, r).normalised();
                assertArrayEquals(a, b, 1e-12, r.label());
                assertTrue(margins(net, false, r).raw()[0] != margins(other, false, r).raw()[0], "the raw margins do move");
            }
        }
    }

    @Test
    void readingsParseFromTheirLabels() {
        assertEquals(BatchNormReading.SCALE_INVARIANT, BatchNormReading.parse("scale-invariant"));
        assertEquals(BatchNormReading.FOLD, BatchNormReading.parse(BatchNormReading.FOLD.label()));
        assertThrows(GengeoException.class, () -> BatchNormReading.parse("spectral"));
    }
}
