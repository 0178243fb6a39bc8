package org.gengeo.margins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Batch;
import org.gengeo.core.tensor.DeviceData;
import ai.djl.ndarray.NDScope;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;

/**
 * The margin signature of a residual network reads the network input and each stage's output (Jiang
 * et al. 2019 on ResNet-32), and its distances use the gradient through the body and the shortcut:
 * checked against central finite differences of the margin, the stage output perturbed coordinate by
 * coordinate inside gengeo's own forward pass (so no autograd is involved), and the spread against the
 * explicit per-coordinate variance of the activations that pass sees.
 */
class ResidualLayerDistancesTest {
    /** Adds step to coordinate k of every example's activation at {@code at} (the input when at is "conv1"), and keeps that activation. */
    private static final class Perturbed extends ForwardPass {
        private final String at;
        private final int k;
        private final double step;
        NDArray seen;

        Perturbed(String at, int k, double step) {
            super(false, 0);
            this.at = at;
            this.k = k;
            this.step = step;
        }

        @Override
        public NDArray layerInput(LayerSpec.Weighted layer, NDArray a) {
            return at.equals("conv1") && layer.name().equals("conv1") ? shift(a) : a;
        }

        @Override
        public NDArray stageOutput(String stage, NDArray h) {
            return at.equals(stage) ? shift(h) : h;
        }

        private NDArray shift(NDArray a) {
            seen = a;
            double[] e = new double[(int) (a.size() / a.getShape().get(0))];
            e[k] = step;
            return a.add(a.getManager().create(e).reshape(a.getShape().slice(1)));
        }
    }

    @Test
    void stageDistancesMatchFiniteDifferencesThroughBodyAndShortcut() {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse("resnet8:w=2:in=1x6x6:classes=3");
        int n = 12;
        Dataset data = RandomData.gaussian(n, 36, 3, 5);
        try (Network net = Network.initialise(arch, Activation.RELU, 0, Init.parse("he"), 3, Precision.FLOAT64);
             NDManager m = TensorEngine.newManager()) {
            DeviceData dev = new DeviceData(data, m, Precision.FLOAT64);
            Map<String, double[]> d = LayerDistances.of(net, dev, 5);
            Map<String, Double> nu = ActivationSpread.of(net, dev);
            assertEquals(List.of("conv1", "layer1", "layer2", "layer3"), List.copyOf(d.keySet()));
            assertEquals(List.copyOf(d.keySet()), List.copyOf(nu.keySet()));
            Batch all = dev.slice(0, n);
            for (String layer : d.keySet()) {
                try (NDScope scope = new NDScope()) {
                    double[] margin = Tensors.doubles(Margins.of(net.forward(all.x(), ForwardPass.inference()), all.y()));
                    Perturbed probe = new Perturbed(layer, 0, 0);
                    net.forward(all.x(), probe);
                    double[] acts = Tensors.doubles(probe.seen);
                    int size = acts.length / n;
                    double[] g2 = new double[n];
                    double step = 1e-6;
                    for (int k = 0; k < size; k++) {
                        double[] up = Tensors.doubles(Margins.of(net.forward(all.x(), new Perturbed(layer, k, step)), all.y()));
                        double[] down = Tensors.doubles(Margins.of(net.forward(all.x(), new Perturbed(layer, k, -step)), all.y()));
                        for (int i = 0; i < n; i++) {
                            double g = (up[i] - down[i]) / (2 * step);
                            g2[i] += g * g;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        double expected = margin[i] / Math.sqrt(LayerDistances.EPS + g2[i]);
                        assertEquals(expected, d.get(layer)[i], 1e-5 * Math.max(1, Math.abs(expected)), layer + " example " + i);
                    }
                    double total = 0;
                    for (int c = 0; c < size; c++) {
                        double mean = 0;
                        for (int i = 0; i < n; i++) {
                            mean += acts[i * size + c] / n;
                        }
                        for (int i = 0; i < n; i++) {
                            total += (acts[i * size + c] - mean) * (acts[i * size + c] - mean) / n;
                        }
                    }
                    assertEquals(Math.sqrt(total), nu.get(layer), 1e-9 * Math.sqrt(total), layer);
                }
            }
        }
    }
}
