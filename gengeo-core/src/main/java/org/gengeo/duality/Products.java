package org.gengeo.duality;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gengeo.core.tensor.TensorEngine;

/** Dense float64 matrix products on the tensor engine (row-major flat arrays), for the large products of this package. */
final class Products {
    private Products() {}

    /** A B for A [rows, inner] and B [inner, cols]; transposeA reads A as [inner, rows] and uses A^T. */
    static double[] multiply(double[] a, int rows, int inner, boolean transposeA, double[] b, int cols) {
        try (NDManager m = TensorEngine.newManager()) {
            NDArray x = transposeA ? m.create(a, new Shape(inner, rows)).transpose() : m.create(a, new Shape(rows, inner));
            return x.matMul(m.create(b, new Shape(inner, cols))).toDoubleArray();
        }
    }
}
