package org.gengeo.curvature;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Full eigen-decomposition of a small symmetric matrix with EJML, eigenvalues in ascending order. */
record SymmetricEigen(double[] values, double[][] vectors) {
    /** Decomposes {@code m} (not modified); vectors[i] is the unit eigenvector of values[i]. */
    static SymmetricEigen of(DMatrixRMaj m) {
        int n = m.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m.copy())) {
            throw new IllegalStateException("symmetric eigen-decomposition failed");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(a).real, eig.getEigenvalue(b).real));
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(order[k]).real;
            vectors[k] = eig.getEigenVector(order[k]).getData().clone();
        }
        return new SymmetricEigen(values, vectors);
    }
}
