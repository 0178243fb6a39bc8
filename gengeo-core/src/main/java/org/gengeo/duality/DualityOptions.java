package org.gengeo.duality;

import java.util.List;
import org.gengeo.core.GengeoException;

/**
 * Options of a duality analysis.
 *
 * @param layer       dense layer, e.g. "fc1" (the authors' default: the hidden-to-hidden matrix of 784-30-30-10)
 * @param augmented   also change the bias ([a; 1] form); default: bias held fixed
 * @param space       where nearest neighbours are searched: "input" (raw features, the authors' choice) or "hidden" (the layer's input activity)
 * @param neighbours  k nearest same-class training examples per test example
 * @param allPairs    every same-class (test, train) pair instead of the k nearest
 * @param hessian     "auto", "closed-form" (ReLU nets), "autograd" (dense matrix from Hessian-vector products) or "lanczos" (top K)
 * @param top         K, the eigenpairs Lanczos computes
 * @param denseLimit  largest layer (parameters) for which "auto" builds the full matrix
 * @param sharp       directions counted as sharp in the sharp/flat split (the authors' 10)
 * @param chunk       examples or pairs per pass
 * @param seed        seed of the Lanczos start vector
 */
public record DualityOptions(String layer, boolean augmented, String space, int neighbours, boolean allPairs, String hessian, int top,
                             int denseLimit, int sharp, int chunk, long seed) {
    /** The defaults: fc1, bias fixed, nearest same-class neighbour in input space, automatic Hessian, K = 20, dense up to 2,500. */
    public static DualityOptions defaults() {
        return new DualityOptions("fc1", false, "input", 1, false, "auto", 20, 2500, 10, 1000, 0);
    }

    /** Rejects impossible values with a one-line message naming the option. */
    public DualityOptions validate() {
        if (!List.of("input", "hidden").contains(space)) {
            throw new GengeoException("--pair-space must be input or hidden, got '" + space + "'");
        }
        if (!List.of("auto", "closed-form", "autograd", "lanczos").contains(hessian)) {
            throw new GengeoException("--hessian must be auto, closed-form, autograd or lanczos, got '" + hessian + "'");
        }
        if (neighbours < 1) {
            throw new GengeoException("--neighbours must be at least 1, got " + neighbours);
        }
        if (top < 1 || sharp < 0 || chunk < 1 || denseLimit < 1) {
            throw new GengeoException("--top, --chunk and --dense-limit must be at least 1 and --sharp at least 0");
        }
        return this;
    }
}
