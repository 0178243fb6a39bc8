package org.gengeo.stats;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.gengeo.core.data.DataTransforms;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares y ~ b + a^T x (intercept included) by Householder QR (EJML), with the
 * statistics Jiang et al. (2019) report for predicting the generalization gap:
 * R^2 = 1 - SS_res / SS_tot; adjusted R^2 = 1 - (1 - R^2)(n - 1)/(n - p - 1) for p features; and the
 * k-fold cross-validated R^2 = 1 - sum_i (y_i - yhat_{-fold(i)}(x_i))^2 / SS_tot, where each
 * prediction comes from the fit on the other folds (folds from a seeded shuffle; SS_tot about the
 * mean of all y).
 *
 * @param coefficients intercept first, then one per feature
 * @param fitted       in-sample predictions
 * @param r2           in-sample R^2
 * @param adjustedR2   adjusted R^2 (NaN when n &lt;= p + 1)
 * @param cvR2         k-fold cross-validated R^2
 * @param cvPredicted  the out-of-fold predictions
 * @param folds        k
 */
public record LinearRegression(double[] coefficients, double[] fitted, double r2, double adjustedR2, double cvR2,
                               double[] cvPredicted, int folds) {

    /** Fits {@code x} (rows are observations) to {@code y}, with {@code folds}-fold CV on a shuffle seeded by {@code seed}. */
    public static LinearRegression fit(double[][] x, double[] y, int folds, long seed) {
        int n = y.length;
        if (x.length != n || n < 2) {
            throw new IllegalArgumentException("need at least 2 observations with one feature row each");
        }
        if (folds < 2 || folds > n) {
            throw new IllegalArgumentException("folds must be in [2, " + n + "], got " + folds);
        }
        int p = x[0].length;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double[] beta = solve(x, y, all);
        double[] fitted = predict(x, beta, all);
        double mean = Arrays.stream(y).average().orElseThrow();
        double ssTot = 0;
        for (double v : y) {
            ssTot += (v - mean) * (v - mean);
        }
        double r2 = 1 - sse(y, fitted) / ssTot;
        double adjusted = n - p - 1 > 0 ? 1 - (1 - r2) * (n - 1) / (n - p - 1) : Double.NaN;
        int[] order = DataTransforms.permutation(n, seed, "cv-folds");
        double[] cv = new double[n];
        for (int f = 0; f < folds; f++) {
            int lo = (int) ((long) f * n / folds);
            int hi = (int) ((long) (f + 1) * n / folds);
            int[] test = Arrays.copyOfRange(order, lo, hi);
            int[] train = new int[n - test.length];
            System.arraycopy(order, 0, train, 0, lo);
            System.arraycopy(order, hi, train, lo, n - hi);
            double[] b = solve(x, y, train);
            double[] pred = predict(x, b, test);
            for (int i = 0; i < test.length; i++) {
                cv[test[i]] = pred[i];
            }
        }
        return new LinearRegression(beta, fitted, r2, adjusted, 1 - sse(y, cv) / ssTot, cv, folds);
    }

    private static double[] solve(double[][] x, double[] y, int[] rows) {
        int p = x[0].length;
        DMatrixRMaj a = new DMatrixRMaj(rows.length, p + 1);
        DMatrixRMaj b = new DMatrixRMaj(rows.length, 1);
        for (int r = 0; r < rows.length; r++) {
            a.set(r, 0, 1);
            for (int c = 0; c < p; c++) {
                a.set(r, c + 1, x[rows[r]][c]);
            }
            b.set(r, 0, y[rows[r]]);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquares(rows.length, p + 1);
        if (!solver.setA(a)) {
            throw new IllegalArgumentException("least squares is singular (fewer observations than features, or collinear features)");
        }
        DMatrixRMaj beta = new DMatrixRMaj(p + 1, 1);
        solver.solve(b, beta);
        return beta.getData().clone();
    }

    private static double[] predict(double[][] x, double[] beta, int[] rows) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            double v = beta[0];
            for (int c = 0; c < x[0].length; c++) {
                v += beta[c + 1] * x[rows[r]][c];
            }
            out[r] = v;
        }
        return out;
    }

    private static double sse(double[] y, double[] yhat) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - yhat[i]) * (y[i] - yhat[i]);
        }
        return s;
    }
}
