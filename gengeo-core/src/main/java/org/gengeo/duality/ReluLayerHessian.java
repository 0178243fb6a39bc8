package org.gengeo.duality;

import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.LayerSpec;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Tensors;

/**
 * The Hessian of the mean loss L = (1/N) sum_k l_k with respect to the weights of one dense layer
 * fc{L} of a ReLU network, in closed form. With the ReLU masks fixed (their second derivative is
 * zero almost everywhere) the logits o_k are linear in W_L: o_k = B_k W_L a_k (+ const), with
 * B_k = do/dz_L = W_last D_{last-1} W_{last-1} ... W_{L+1} D_L and D_j = diag(z_j > 0). Hence
 * <pre>   H = (1/N) sum_k (B_k^T S_k B_k) (x) (a_k a_k^T),</pre>
 * with vec row-major (index i d + j for W[i, j]) and S_k the Hessian of the loss in the logits:
 * diag(p) - p p^T for softmax cross-entropy, p (1 - p) for the logistic loss. H is positive
 * semi-definite. The augmented form (weights and bias) uses [a; 1] and puts the bias entries after
 * the weights, as {@link org.gengeo.curvature.ParameterBlock} flattens fc{L}.weight, fc{L}.bias.
 * The sum over examples is one matrix product P^T Q, with row k of P = vec(B_k^T S_k B_k) and row
 * k of Q = vec(a_k a_k^T), in chunks of examples that bound the memory.
 */
public final class ReluLayerHessian {
    private static final long CHUNK_ENTRIES = 1 << 24;

    private ReluLayerHessian() {}

    /** True when the closed form is exact: the network's activation is ReLU, or fc{layer} is the output layer. */
    public static boolean applies(Network net, int layer) {
        return net.activation() == Activation.RELU || layer == net.architecture().denseLayers().size() - 1;
    }

    /** The P x P matrix for the examples of {@code trace} (P = m d, plus m with {@code augmented}). */
    public static double[][] of(Network net, LayerTrace trace, boolean augmented) {
        int layer = trace.layer();
        if (!applies(net, layer)) {
            throw new GengeoException("the closed-form layer Hessian needs a ReLU network (this one uses " + net.activation().label() + ")");
        }
        List<LayerSpec.Dense> dense = net.architecture().denseLayers();
        int last = dense.size() - 1;
        int m = dense.get(layer).out();
        int d = trace.inputDim();
        int dp = d + (augmented ? 1 : 0);
        int classes = dense.get(last).out();
        double[][] weights = new double[last + 1][];
        for (int j = layer + 1; j <= last; j++) {
            weights[j] = Tensors.doubles(net.parameters().get(dense.get(j).weight()));
        }
        int n = trace.size();
        int chunk = (int) Math.max(1, Math.min(n, CHUNK_ENTRIES / ((long) m * m + (long) dp * dp)));
        double[] g = new double[m * m * dp * dp];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            double[] p = new double[(to - from) * m * m];
            double[] q = new double[(to - from) * dp * dp];
            for (int k = from; k < to; k++) {
                double[][] b = outputJacobian(trace, dense, weights, layer, k, classes);
                double[][] s = logitHessian(trace.preActivations().get(last - layer), k, classes);
                fillKernel(b, s, m, classes, p, (k - from) * m * m);
                double[] a = new double[dp];
                System.arraycopy(trace.inputs(), k * d, a, 0, d);
                if (augmented) {
                    a[d] = 1;
                }
                int at = (k - from) * dp * dp;
                for (int j = 0; j < dp; j++) {
                    for (int jj = 0; jj < dp; jj++) {
                        q[at + j * dp + jj] = a[j] * a[jj];
                    }
                }
            }
            double[] part = Products.multiply(p, m * m, to - from, true, q, dp * dp);
            for (int i = 0; i < g.length; i++) {
                g[i] += part[i];
            }
        }
        int dim = m * dp;
        double[][] h = new double[dim][dim];
        for (int i = 0; i < m; i++) {
            for (int ii = 0; ii < m; ii++) {
                int base = (i * m + ii) * dp * dp;
                for (int j = 0; j < dp; j++) {
                    int row = index(i, j, m, d);
                    for (int jj = 0; jj < dp; jj++) {
                        h[row][index(ii, jj, m, d)] = g[base + j * dp + jj] / n;
                    }
                }
            }
        }
        return h;
    }

    /** Position of W[i, j] (j = d: the bias b[i]) in the flat block vector. */
    private static int index(int i, int j, int m, int d) {
        return j < d ? i * d + j : m * d + i;
    }

    /** B_k = do/dz_L for example k, [classes][m]. */
    private static double[][] outputJacobian(LayerTrace trace, List<LayerSpec.Dense> dense, double[][] weights, int layer, int k,
                                             int classes) {
        int last = dense.size() - 1;
        double[][] b = new double[classes][];
        for (int c = 0; c < classes; c++) {
            b[c] = new double[classes];
            b[c][c] = 1;
        }
        for (int j = last; j > layer; j--) {
            int out = dense.get(j).out();
            int in = dense.get(j).in();
            double[][] next = new double[classes][in];
            for (int c = 0; c < classes; c++) {
                for (int o = 0; o < out; o++) {
                    double v = b[c][o];
                    if (v != 0) {
                        for (int i = 0; i < in; i++) {
                            next[c][i] += v * weights[j][o * in + i];
                        }
                    }
                }
            }
            double[] z = trace.preActivations().get(j - 1 - layer);
            for (int c = 0; c < classes; c++) {
                for (int i = 0; i < in; i++) {
                    if (!(z[k * in + i] > 0)) {
                        next[c][i] = 0;
                    }
                }
            }
            b = next;
        }
        return b;
    }

    /** S_k: the Hessian of the per-example loss in the logits. */
    private static double[][] logitHessian(double[] logits, int k, int classes) {
        if (classes == 1) {
            double p = 1 / (1 + Math.exp(-logits[k]));
            return new double[][] {{p * (1 - p)}};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[k * classes + c]);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logits[k * classes + c] - max);
            sum += p[c];
        }
        double[][] s = new double[classes][classes];
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        for (int c = 0; c < classes; c++) {
            for (int e = 0; e < classes; e++) {
                s[c][e] = (c == e ? p[c] : 0) - p[c] * p[e];
            }
        }
        return s;
    }

    /** Writes vec(B^T S B) ([m, m], row-major) into {@code out} at {@code at}. */
    private static void fillKernel(double[][] b, double[][] s, int m, int classes, double[] out, int at) {
        double[][] sb = new double[classes][m];
        for (int c = 0; c < classes; c++) {
            for (int e = 0; e < classes; e++) {
                double v = s[c][e];
                for (int i = 0; i < m; i++) {
                    sb[c][i] += v * b[e][i];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int ii = 0; ii < m; ii++) {
                double v = 0;
                for (int c = 0; c < classes; c++) {
                    v += b[c][i] * sb[c][ii];
                }
                out[at + i * m + ii] = v;
            }
        }
    }
}
