package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Map;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.Batch;

/**
 * Mean data loss and accuracy of a network over a whole data set, with dropout off, computed in
 * chunks of {@value #CHUNK} examples (loss summed in float64 across chunks).
 */
public record Evaluation(double loss, double accuracy, int examples) {
    /** Examples per forward pass. */
    public static final int CHUNK = 2000;

    /** Evaluates {@code network} on all of {@code data}. */
    public static Evaluation of(Network network, DeviceData data, Loss loss) {
        return of(network, network.parameters(), data, loss);
    }

    /** Evaluates {@code network} with the parameter values {@code values} (e.g. a perturbed copy) on all of {@code data}. */
    public static Evaluation of(Network network, Map<String, NDArray> values, DeviceData data, Loss loss) {
        return network.withValues(values, bound -> evaluate(network, bound, data, loss));
    }

    private static Evaluation evaluate(Network network, Map<String, NDArray> values, DeviceData data, Loss loss) {
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            try (NDScope scope = new NDScope()) {
                Batch b = data.slice(from, to);
                NDArray logits = network.forward(b.x(), ForwardPass.inference(), values);
                lossSum += Tensors.scalar(loss.perExample(logits, b.y()).sum());
                correct += loss.correct(logits, b.y()).sum().getLong();
            }
        }
        return new Evaluation(lossSum / data.size(), (double) correct / data.size(), data.size());
    }

    /** Whether each example of {@code data} is classified correctly by {@code network} (dropout off). */
    public static boolean[] correctness(Network network, DeviceData data, Loss loss) {
        boolean[] out = new boolean[data.size()];
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            try (NDScope scope = new NDScope()) {
                Batch b = data.slice(from, to);
                long[] c = loss.correct(network.forward(b.x(), ForwardPass.inference()), b.y()).toLongArray();
                for (int i = 0; i < c.length; i++) {
                    out[from + i] = c[i] != 0;
                }
            }
        }
        return out;
    }
}
