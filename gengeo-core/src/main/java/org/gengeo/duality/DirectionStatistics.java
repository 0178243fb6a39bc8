package org.gengeo.duality;

/**
 * Per-direction statistics of the dual weights and effective gradients over the pairs (Feng and Tu
 * 2022): with theta_{k,n} = v_n . dw_k and gamma_{k,n} = v_n . g_k, the population (1/K) means
 * mu_w, mu_g, standard deviations sigma_w, sigma_g and the Pearson correlation c (0 where a
 * standard deviation is 0). Because g_k = (dl_k / |dw_k|^2) dw_k is parallel to dw_k, gamma_{k,n}
 * = coef_k theta_{k,n}. When the directions do not span the space, the part of dw_k outside them
 * contributes the remainder (1/K) sum_k coef_k (|dw_k|^2 - sum_n theta_{k,n}^2), so that
 * sum_n (mu_g mu_w + c sigma_g sigma_w) + remainder = (1/K) sum_k g_k . dw_k = mean dl_k.
 */
final class DirectionStatistics {
    private final int directions;
    private final double[] sumW;
    private final double[] sumW2;
    private final double[] sumG;
    private final double[] sumG2;
    private final double[] sumWG;
    private double remainder;
    private long count;

    DirectionStatistics(int directions) {
        this.directions = directions;
        sumW = new double[directions];
        sumW2 = new double[directions];
        sumG = new double[directions];
        sumG2 = new double[directions];
        sumWG = new double[directions];
    }

    /** Adds {@code rows} pairs: projections theta [rows, directions], coefficients dl/|dw|^2 and |dw|^2. */
    void add(double[] theta, double[] coef, double[] dw2, int rows) {
        for (int k = 0; k < rows; k++) {
            double inside = 0;
            int at = k * directions;
            for (int n = 0; n < directions; n++) {
                double w = theta[at + n];
                double g = coef[k] * w;
                sumW[n] += w;
                sumW2[n] += w * w;
                sumG[n] += g;
                sumG2[n] += g * g;
                sumWG[n] += w * g;
                inside += w * w;
            }
            remainder += coef[k] * (dw2[k] - inside);
            count++;
        }
    }

    /** The statistics of the pairs added so far. */
    DualityResult.Directions finish(double[] h, boolean complete) {
        double[] muW = new double[directions];
        double[] sdW = new double[directions];
        double[] muG = new double[directions];
        double[] sdG = new double[directions];
        double[] c = new double[directions];
        for (int n = 0; n < directions; n++) {
            muW[n] = sumW[n] / count;
            muG[n] = sumG[n] / count;
            sdW[n] = Math.sqrt(Math.max(0, sumW2[n] / count - muW[n] * muW[n]));
            sdG[n] = Math.sqrt(Math.max(0, sumG2[n] / count - muG[n] * muG[n]));
            double cov = sumWG[n] / count - muW[n] * muG[n];
            c[n] = sdW[n] > 0 && sdG[n] > 0 ? cov / (sdW[n] * sdG[n]) : 0;
        }
        return new DualityResult.Directions(h, muW, sdW, muG, sdG, c, complete ? 0 : remainder / count);
    }
}
