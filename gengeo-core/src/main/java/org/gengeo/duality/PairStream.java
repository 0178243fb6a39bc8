package org.gengeo.duality;

import java.util.Arrays;
import org.gengeo.curvature.Eigenpairs;

/**
 * Streams test/train pairs through the duality: each pair's dual weights dw_k
 * ({@link DualWeights}) are buffered, and every {@code chunk} pairs the buffer is projected on the
 * directions in one matrix product and added to the {@link DirectionStatistics}. Memory stays
 * bounded for any number of pairs (all same-class pairs included).
 */
final class PairStream {
    private final double[] w;
    private final int m;
    private final int d;
    private final boolean augmented;
    private final int dim;
    private final int dirs;
    private final double[] basis;
    private final DirectionStatistics stats;
    private final double[] dw;
    private final double[] coef;
    private final double[] dw2;
    private int rows;
    private int used;
    private int skipped;
    private int zero;
    private double sumDl;
    private double sumPaired;
    private double sumDw2;
    private double sumDistance;

    /** Pairs of layer weight {@code w} [m, d] projected on the eigenvectors of {@code eig}. */
    PairStream(double[] w, int m, int d, boolean augmented, Eigenpairs eig, int chunk) {
        this.w = w;
        this.m = m;
        this.d = d;
        this.augmented = augmented;
        this.dim = m * d + (augmented ? m : 0);
        this.dirs = eig.size();
        this.basis = new double[dim * dirs];
        for (int n = 0; n < dirs; n++) {
            for (int p = 0; p < dim; p++) {
                basis[p * dirs + n] = eig.vectors()[n][p];
            }
        }
        this.stats = new DirectionStatistics(dirs);
        this.dw = new double[chunk * dim];
        this.coef = new double[chunk];
        this.dw2 = new double[chunk];
    }

    /**
     * Adds one pair: training activity a, test activity a', the loss change dl = l(x') - l(x), the
     * training partner's loss and the pair's distance. A pair with a = 0 is skipped (no dual weights
     * exist); one with dw = 0 is kept with g = 0.
     */
    void add(double[] a, double[] aPrime, double dl, double pairedLoss, double distance) {
        double norm2 = DualWeights.write(w, m, d, a, aPrime, augmented, dw, rows * dim);
        if (Double.isNaN(norm2)) {
            skipped++;
            return;
        }
        dw2[rows] = norm2;
        coef[rows] = norm2 > 0 ? dl / norm2 : 0;
        zero += norm2 > 0 ? 0 : 1;
        used++;
        sumDl += dl;
        sumPaired += pairedLoss;
        sumDw2 += norm2;
        sumDistance += distance;
        rows++;
        if (rows == coef.length) {
            flush();
        }
    }

    private void flush() {
        if (rows > 0) {
            stats.add(Products.multiply(Arrays.copyOf(dw, rows * dim), rows, dim, false, basis, dirs), coef, dw2, rows);
            rows = 0;
        }
    }

    /** What the pairs added up to. */
    record Tally(DualityResult.Directions directions, int used, int skipped, int zero, double meanDl, double meanPairedLoss,
                 double meanDw2, double meanDistance) {}

    /** The statistics of all pairs added, for eigenvalues {@code h} (complete: the directions span the space). */
    Tally finish(double[] h) {
        flush();
        return new Tally(stats.finish(h, dirs == dim), used, skipped, zero, sumDl / used, sumPaired / used, sumDw2 / used,
                sumDistance / used);
    }
}
