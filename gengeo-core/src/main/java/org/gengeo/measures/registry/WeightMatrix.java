package org.gengeo.measures.registry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * One layer's weights as a rows x cols matrix, row-major: a dense weight [out, in] as it is, a
 * convolution [out, in, k, k] reshaped to [out, in k k] (the reshaping Jiang et al. 2020 use for the
 * norms of convolutional layers).
 */
public record WeightMatrix(String name, int rows, int cols, double[] values) {
    /** The layer name: the parameter name without {@code .weight}. */
    public String layer() {
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** Squared Frobenius norm sum_ij W_ij^2. */
    public double frobeniusSquared() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }

    /** Singular values in descending order (EJML's SVD, values only). */
    public double[] singularValues() {
        DMatrixRMaj m = DMatrixRMaj.wrap(rows, cols, values.clone());
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD of " + name + " did not converge");
        }
        double[] s = java.util.Arrays.copyOf(svd.getSingularValues(), Math.min(rows, cols));
        java.util.Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    /**
     * The eigenvalues of the empirical correlation matrix X = W^T W / N as WeightWatcher defines it
     * (Martin and Mahoney 2021), N the larger dimension: the squared singular values divided by N,
     * descending.
     */
    public double[] correlationEigenvalues() {
        double[] s = singularValues();
        int n = Math.max(rows, cols);
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i] * s[i] / n;
        }
        return s;
    }
}
