package org.gengeo.train;

import ai.djl.ndarray.NDManager;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.model.Evaluation;

/** Re-evaluates the saved model of a run on the data its config describes. */
public final class RunEvaluator {
    private RunEvaluator() {}

    /** A loss that is not a number is no result: the weights load, but the outputs overflow. */
    private static void requireFinite(RunDirectory dir, String set, Evaluation e) {
        if (!Double.isFinite(e.loss())) {
            throw new GengeoException(dir.model() + ": the loss on the " + set + " set evaluates to " + e.loss()
                    + " (the model's outputs overflow), so there is no loss or accuracy to report");
        }
    }

    /** Loss and accuracy of {@code dir}'s model.safetensors on its train and test sets. */
    public static EvalRecord evaluate(RunDirectory dir, String command) {
        try (LoadedRun run = LoadedRun.open(dir, null); NDManager memory = TensorEngine.newManager()) {
            Network net = run.network();
            DataSplit split = run.data();
            Loss loss = Loss.forOutputs(net.architecture().outputs());
            Evaluation train = Evaluation.of(net, new DeviceData(split.train(), memory, net.precision()), loss);
            Evaluation test = Evaluation.of(net, new DeviceData(split.test(), memory, net.precision()), loss);
            requireFinite(dir, "training", train);
            requireFinite(dir, "test", test);
            return new EvalRecord(Provenance.current(command), dir.root().toString(), net.architecture().spec(),
                    Trainer.dataSummary(split), train, test);
        }
    }
}
