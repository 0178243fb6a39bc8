package org.gengeo.pergrad;

import ai.djl.ndarray.NDArray;

/**
 * One parameter's per-example gradients for a batch of m examples: either explicit rows
 * [m, ...parameter shape] or, for a dense layer's weight, the factors of the outer products
 * g_i = delta_i a_i^T (delta [m, out], input a [m, in]) that a consumer may use without building the
 * m x out x in array.
 */
public sealed interface PerExampleRows permits PerExampleRows.Outer, PerExampleRows.Explicit {
    /** The gradients as one array [m, ...parameter shape], in the current scope. */
    NDArray materialise();

    /** Dense weight: g_i = delta_i a_i^T. */
    record Outer(NDArray delta, NDArray input) implements PerExampleRows {
        @Override
        public NDArray materialise() {
            return delta.expandDims(2).mul(input.expandDims(1));
        }
    }

    /** Explicit rows [m, ...parameter shape]. */
    record Explicit(NDArray rows) implements PerExampleRows {
        @Override
        public NDArray materialise() {
            return rows;
        }
    }
}
