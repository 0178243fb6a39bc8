package org.gengeo.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.io.TensorData;

/**
 * Per-example learning times (Chatterjee and Zielinski 2020, "easy examples first"): after each
 * epoch e (and at e = 0, before training), whether each training example is classified correctly.
 * {@code first_correct[i]} is the first such e at which example i was correct and
 * {@code last_became_correct[i]} the last e at which it turned from wrong to correct (so an example
 * correct at the end has stayed correct since then); both are -1 if it never was correct. The state
 * travels in checkpoints, so a resumed run records the same times.
 */
public final class LearningTimes {
    private final int[] first;
    private final int[] lastBecame;
    private final boolean[] previous;

    LearningTimes(int n) {
        first = new int[n];
        lastBecame = new int[n];
        previous = new boolean[n];
        Arrays.fill(first, -1);
        Arrays.fill(lastBecame, -1);
    }

    /** Records the correctness of every example after {@code epoch} epochs. */
    void record(int epoch, boolean[] correct) {
        for (int i = 0; i < correct.length; i++) {
            if (correct[i] && first[i] < 0) {
                first[i] = epoch;
            }
            if (correct[i] && !previous[i]) {
                lastBecame[i] = epoch;
            }
            previous[i] = correct[i];
        }
    }

    /** The JSON written to {@code learning-times.json}. */
    public record Times(int[] firstCorrect, int[] lastBecameCorrect) {}

    Times times() {
        return new Times(first.clone(), lastBecame.clone());
    }

    /** The state as checkpoint tensors (F64, exact for these small integers). */
    Map<String, TensorData> snapshot(String prefix) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        long[] shape = {first.length};
        out.put(prefix + "first", TensorData.ofDoubles(shape, Arrays.stream(first).asDoubleStream().toArray()));
        out.put(prefix + "last", TensorData.ofDoubles(shape, Arrays.stream(lastBecame).asDoubleStream().toArray()));
        double[] prev = new double[previous.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = previous[i] ? 1 : 0;
        }
        out.put(prefix + "previous", TensorData.ofDoubles(shape, prev));
        return out;
    }

    /** Restores state saved by {@link #snapshot}; absent tensors leave it as new. */
    void restore(Map<String, TensorData> tensors, String prefix) {
        TensorData f = tensors.get(prefix + "first");
        if (f == null) {
            return;
        }
        double[] fv = f.toDoubleArray();
        double[] lv = tensors.get(prefix + "last").toDoubleArray();
        double[] pv = tensors.get(prefix + "previous").toDoubleArray();
        for (int i = 0; i < first.length; i++) {
            first[i] = (int) fv[i];
            lastBecame[i] = (int) lv[i];
            previous[i] = pv[i] != 0;
        }
    }
}
