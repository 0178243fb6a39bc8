package org.gengeo.nngp;

import org.gengeo.core.GengeoException;

/** Input checks and copies shared by the GP classification approximations. */
final class Labels {
    private Labels() {
    }

    /** Checks that {@code k} is n x n with finite entries, y in {-1, +1}^n and mean of length n; returns n. */
    static int check(double[][] k, int[] y, double[] mean) {
        int n = y.length;
        if (n == 0) {
            throw new GengeoException("no labels given for the GP marginal likelihood");
        }
        if (k.length != n || mean.length != n) {
            throw new GengeoException("kernel is " + k.length + " x ?, prior mean has " + mean.length
                    + " entries, but there are " + n + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (k[i].length != n) {
                throw new GengeoException("kernel row " + i + " has " + k[i].length + " entries, expected " + n);
            }
            if (y[i] != 1 && y[i] != -1) {
                throw new GengeoException("label " + i + " is " + y[i] + "; GP classification needs labels -1 or +1");
            }
            if (!(k[i][i] > 0) || !Double.isFinite(k[i][i]) || !Double.isFinite(mean[i])) {
                throw new GengeoException("kernel diagonal entry " + i + " is " + k[i][i] + " (must be positive and finite)");
            }
        }
        return n;
    }

    /** A deep copy of a square matrix. */
    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
