package org.gengeo.pergrad;

import java.util.List;

/**
 * Per-example gradient statistics of one batch: for each parameter p and example i the squared
 * norm ||g_i^(p)||^2 of the gradient of example i's own loss l_i, and the sum S^(p) = sum_i g_i^(p)
 * (the gradient of the summed loss).
 *
 * @param names        parameter names, in network order
 * @param squaredNorms squaredNorms[p][i] = ||g_i^(p)||^2
 * @param sums         sums.get(p) = S^(p), flattened row-major
 * @param loopedParameters parameters whose norms needed one backward pass per example (convolutions), empty for dense nets
 */
public record PerExampleNorms(List<String> names, double[][] squaredNorms, List<double[]> sums, List<String> loopedParameters) {
    /** Number of examples. */
    public int examples() {
        return squaredNorms.length == 0 ? 0 : squaredNorms[0].length;
    }
}
