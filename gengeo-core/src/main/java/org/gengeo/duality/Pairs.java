package org.gengeo.duality;

/**
 * Test/train pairs of the duality analysis: pair p joins test example {@code test[p]} with
 * training example {@code train[p]} (same class), at Euclidean distance {@code distance[p]} in the
 * space the pairing used.
 */
public record Pairs(int[] test, int[] train, double[] distance) {
    /** Number of pairs. */
    public int size() {
        return test.length;
    }
}
