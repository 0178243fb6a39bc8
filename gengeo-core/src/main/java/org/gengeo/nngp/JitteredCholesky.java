package org.gengeo.nngp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.gengeo.core.GengeoException;

/**
 * Lower Cholesky factor L of B = I + W^1/2 (K + j I) W^1/2, the well-conditioned matrix that both
 * EP and the Laplace approximation factorise (Rasmussen and Williams 2006, section 3.4.3), for the
 * smallest kernel jitter j that makes it succeed: first j = 0, then 1e-10, 1e-9, ... up to 1e-2 times
 * the mean of K's diagonal. A kernel made singular by near-duplicate inputs can still leave B
 * numerically indefinite; the jitter used is reported.
 */
record JitteredCholesky(DMatrixRMaj lower, double jitter) {
    /** Factorises B for kernel {@code k} (n x n, not modified) and weights {@code sqrtW} (W^1/2's diagonal). */
    static JitteredCholesky ofB(double[][] k, double[] sqrtW, double startJitter) {
        int n = k.length;
        double meanDiag = 0;
        for (int i = 0; i < n; i++) {
            meanDiag += k[i][i] / n;
        }
        double jitter = startJitter;
        for (int attempt = 0; attempt < 10; attempt++) {
            DMatrixRMaj b = new DMatrixRMaj(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    b.unsafe_set(i, j, sqrtW[i] * k[i][j] * sqrtW[j]);
                }
                b.unsafe_set(i, i, 1 + sqrtW[i] * (k[i][i] + jitter) * sqrtW[i]);
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            if (chol.decompose(b)) {
                DMatrixRMaj l = chol.getT(null);
                boolean finite = true;
                for (int i = 0; i < n && finite; i++) {
                    finite = l.get(i, i) > 0 && Double.isFinite(l.get(i, i));
                }
                if (finite) {
                    return new JitteredCholesky(l, jitter);
                }
            }
            jitter = jitter == 0 ? 1e-10 * Math.abs(meanDiag) : jitter * 10;
        }
        throw new GengeoException("I + W^1/2 K W^1/2 is not positive definite even with kernel jitter "
                + jitter / 10 + " (is the kernel matrix finite and symmetric?)");
    }

    /** sum_i log L_ii = log det(B) / 2. */
    double halfLogDet() {
        double s = 0;
        for (int i = 0; i < lower.numRows; i++) {
            s += Math.log(lower.get(i, i));
        }
        return s;
    }
}
