package org.gengeo.margins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.data.RandomData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layer-wise distances and activation spreads against a plain Java forward pass of the same weights:
 * the gradient with respect to each layer's input by central finite differences, the spread from
 * explicit per-coordinate variances.
 */
class LayerDistancesTest {
    /** The network's weights as Java arrays, and a forward pass from any layer's input. */
    record JavaMlp(List<double[][]> w, List<double[]> b, Activation act) {
        static JavaMlp of(Network net) {
            List<double[][]> w = new java.util.ArrayList<>();
            List<double[]> b = new java.util.ArrayList<>();
            for (var d : net.architecture().denseLayers()) {
                double[] flat = net.toTensors().get(d.weight()).toDoubleArray();
                double[][] m = new double[d.out()][d.in()];
                for (int o = 0; o < d.out(); o++) {
                    System.arraycopy(flat, o * d.in(), m[o], 0, d.in());
                }
                w.add(m);
                var bias = net.toTensors().get(d.name() + ".bias");
                b.add(bias == null ? new double[d.out()] : bias.toDoubleArray());
            }
            return new JavaMlp(w, b, net.activation());
        }

        /** The input of layer {@code to}, from the input of layer {@code from} (to = layers gives the logits). */
        double[] run(int from, int to, double[] h) {
            for (int k = from; k < to; k++) {
                double[] z = b.get(k).clone();
                for (int o = 0; o < z.length; o++) {
                    for (int i = 0; i < h.length; i++) {
                        z[o] += w.get(k)[o][i] * h[i];
                    }
                }
                if (k < w.size() - 1) {
                    for (int o = 0; o < z.length; o++) {
                        z[o] = act == Activation.RELU ? Math.max(0, z[o]) : Math.tanh(z[o]);
                    }
                }
                h = z;
            }
            return h;
        }

        /** f_y - f_j for a fixed j (binary: (2y - 1) f). */
        double margin(int from, double[] h, int y, int j) {
            double[] f = run(from, w.size(), h);
            return f.length == 1 ? (2 * y - 1) * f[0] : f[y] - f[j];
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mlp:6-8-7-4, tanh", "mlp:6-8-7-4:nobias, relu", "mlp:6-5-1, tanh"})
    void distancesMatchFiniteDifferenceGradientsAndSpreadsMatchExplicitVariances(String spec, String act) {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse(spec);
        int classes = Math.max(2, arch.outputs());
        Dataset data = RandomData.gaussian(30, 6, classes, 4);
        try (Network net = Network.initialise(arch, Activation.parse(act), 0, Init.parse("torch"), 2, Precision.FLOAT64);
             NDManager m = TensorEngine.newManager()) {
            DeviceData dev = new DeviceData(data, m, Precision.FLOAT64);
            Map<String, double[]> d = LayerDistances.of(net, dev, 7);
            Map<String, Double> nu = ActivationSpread.of(net, dev);
            JavaMlp mlp = JavaMlp.of(net);
            int layers = mlp.w().size();
            assertEquals(layers, d.size());
            for (int l = 0; l < layers; l++) {
                double[][] acts = new double[data.size()][];
                for (int n = 0; n < data.size(); n++) {
                    double[] x = new double[6];
                    for (int k = 0; k < 6; k++) {
                        x[k] = data.features()[n * 6 + k];
                    }
                    double[] h = mlp.run(0, l, x);
                    acts[n] = h;
                    int y = data.labels()[n];
                    double[] f = mlp.run(l, layers, h);
                    int j = -1;
                    for (int c = 0; c < f.length; c++) {
                        if (c != y && (j < 0 || f[c] > f[j])) {
                            j = c;
                        }
                    }
                    double g2 = 0;
                    double step = 1e-6;
                    for (int k = 0; k < h.length; k++) {
                        double[] hp = h.clone();
                        double[] hm = h.clone();
                        hp[k] += step;
                        hm[k] -= step;
                        double g = (mlp.margin(l, hp, y, j) - mlp.margin(l, hm, y, j)) / (2 * step);
                        g2 += g * g;
                    }
                    double expected = mlp.margin(l, h, y, j) / Math.sqrt(LayerDistances.EPS + g2);
                    assertEquals(expected, d.get("fc" + l)[n], 1e-6 * Math.max(1, Math.abs(expected)), "layer " + l + " example " + n);
                }
                double total = 0;
                for (int k = 0; k < acts[0].length; k++) {
                    double mean = 0;
                    for (double[] a : acts) {
                        mean += a[k] / acts.length;
                    }
                    for (double[] a : acts) {
                        total += (a[k] - mean) * (a[k] - mean) / acts.length;
                    }
                }
                // the network input is float32 data, the Java pass uses the same floats widened
                assertEquals(Math.sqrt(total), nu.get("fc" + l), 1e-9 * Math.sqrt(total));
            }
        }
    }
}
