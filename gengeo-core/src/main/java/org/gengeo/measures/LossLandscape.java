package org.gengeo.measures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.Progress;
import org.gengeo.core.Provenance;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;

/**
 * Loss-landscape slices (Li, Xu, Taylor, Studer and Goldstein 2018, "Visualizing the Loss Landscape
 * of Neural Nets"): the training and test loss at w + a d1 + b d2 on a grid. Random directions are
 * Gaussian and filter-normalised: each filter (a row of a dense weight, an output channel of a
 * convolution) of d is rescaled to the norm of the same filter of w, and bias directions are zero,
 * as in the paper, so the slice is comparable across networks and invariant to rescaling of ReLU
 * layers. Eigen directions are the top Hessian eigenvectors, scaled to ||w||.
 */
public final class LossLandscape {
    private LossLandscape() {}

    /** Filter-normalised random directions from {@code Seeds.random(seed, "landscape", k)}. */
    public static List<Map<String, double[]>> randomDirections(Network net, int count, long seed) {
        List<Map<String, double[]>> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            SplittableRandom rng = Seeds.random(seed, "landscape", k);
            Map<String, double[]> d = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
                double[] w = Tensors.doubles(p.getValue());
                double[] dir = new double[w.length];
                if (p.getValue().getShape().dimension() > 1) {
                    int filters = (int) p.getValue().getShape().get(0);
                    int size = w.length / filters;
                    for (int f = 0; f < filters; f++) {
                        double dn = 0;
                        double wn = 0;
                        for (int i = f * size; i < (f + 1) * size; i++) {
                            dir[i] = rng.nextGaussian();
                            dn += dir[i] * dir[i];
                            wn += w[i] * w[i];
                        }
                        double scale = dn > 0 ? Math.sqrt(wn / dn) : 0;
                        for (int i = f * size; i < (f + 1) * size; i++) {
                            dir[i] *= scale;
                        }
                    }
                }
                d.put(p.getKey(), dir);
            }
            out.add(d);
        }
        return out;
    }

    /** Evaluates the grid along {@code directions} (one or two) of {@code net}, reporting grid points done to {@code progress}. */
    public static LandscapeResult evaluate(Network net, Dataset train, Dataset test, List<Map<String, double[]>> directions,
                                           LandscapeOptions o, String run, Provenance provenance, Progress progress) {
        o.validate();
        long start = System.nanoTime();
        Dataset sample = o.samples() == null ? train
                : train.select(DataTransforms.firstOfPermutation(train.size(), o.samples(), o.seed(), "landscape-sample"));
        double[] alpha = grid(o.points(), o.span());
        double[] beta = o.twoD() ? grid(o.points(), o.span()) : new double[] {0};
        int rows = beta.length;
        double[][] trainLoss = new double[rows][alpha.length];
        double[][] testLoss = new double[rows][alpha.length];
        double[][] trainAcc = new double[rows][alpha.length];
        double[][] testAcc = new double[rows][alpha.length];
        Loss loss = Loss.forOutputs(net.architecture().outputs());
        try (NDManager memory = TensorEngine.newManager()) {
            DeviceData tr = new DeviceData(sample, memory, net.precision());
            DeviceData te = new DeviceData(test, memory, net.precision());
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < alpha.length; i++) {
                    try (NDScope scope = new NDScope()) {
                        Map<String, NDArray> values = moved(net, directions, alpha[i], beta[j], memory);
                        Evaluation a = Evaluation.of(net, values, tr, loss);
                        Evaluation b = Evaluation.of(net, values, te, loss);
                        trainLoss[j][i] = a.loss();
                        trainAcc[j][i] = a.accuracy();
                        testLoss[j][i] = b.loss();
                        testAcc[j][i] = b.accuracy();
                    }
                    progress.update((long) j * alpha.length + i + 1, (long) rows * alpha.length);
                }
            }
        }
        double[] norms = directions.stream().mapToDouble(LossLandscape::norm).toArray();
        return new LandscapeResult(provenance, run, o, alpha, o.twoD() ? beta : new double[0], trainLoss, testLoss, trainAcc, testAcc,
                norms, (System.nanoTime() - start) / 1e9);
    }

    /** w + a d1 + b d2 as engine arrays in the network's precision. */
    private static Map<String, NDArray> moved(Network net, List<Map<String, double[]>> dirs, double a, double b, NDManager memory) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
            double[] w = Tensors.doubles(p.getValue());
            double[] d1 = dirs.get(0).get(p.getKey());
            for (int i = 0; i < w.length; i++) {
                w[i] += a * d1[i] + (dirs.size() > 1 ? b * dirs.get(1).get(p.getKey())[i] : 0);
            }
            NDArray arr = memory.create(w, p.getValue().getShape());
            values.put(p.getKey(), net.precision() == Precision.FLOAT64 ? arr : arr.toType(net.precision().dataType(), false));
        }
        return values;
    }

    private static double[] grid(int points, double span) {
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = -span + 2 * span * i / (points - 1);
        }
        return g;
    }

    private static double norm(Map<String, double[]> d) {
        double s = 0;
        for (double[] v : d.values()) {
            for (double x : v) {
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }

    /** Splits a flat eigenvector (block order) into per-parameter arrays scaled to ||w||, zero outside the block. */
    public static Map<String, double[]> eigenDirection(Network net, List<String> block, double[] flat) {
        Map<String, double[]> d = new LinkedHashMap<>();
        double wNorm = 0;
        int at = 0;
        for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
            int n = (int) p.getValue().size();
            double[] dir = new double[n];
            if (block.contains(p.getKey())) {
                System.arraycopy(flat, at, dir, 0, n);
                at += n;
                for (double x : Tensors.doubles(p.getValue())) {
                    wNorm += x * x;
                }
            }
            d.put(p.getKey(), dir);
        }
        double scale = Math.sqrt(wNorm) / Math.max(norm(d), 1e-300);
        d.values().forEach(v -> {
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        });
        return d;
    }

    /** The label of a direction kind, for reports. */
    public static String describe(LandscapeOptions o) {
        return o.directions().toLowerCase(Locale.ROOT).equals("eigen") ? "top Hessian eigenvector(s), scaled to ||w||"
                : "random filter-normalised Gaussian direction(s)";
    }

}
