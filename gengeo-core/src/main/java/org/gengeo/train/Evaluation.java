package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
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
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            try (NDScope scope = new NDScope()) {
                Batch b = data.slice(from, to);
                NDArray logits = network.forward(b.x(), ForwardPass.inference());
                lossSum += Tensors.scalar(loss.perExample(logits, b.y()).sum());
                correct += loss.correct(logits, b.y()).sum().getLong();
            }
        }
        return new Evaluation(lossSum / data.size(), (double) correct / data.size(), data.size());
    }
}
