package org.gengeo.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.DeviceData;

/** Re-evaluates the saved model of a run on the data its config describes. */
public final class RunEvaluator {
    private RunEvaluator() {}

    /** Loss and accuracy of {@code dir}'s model.safetensors on its train and test sets. */
    public static EvalRecord evaluate(RunDirectory dir, String command) {
        if (!Files.isRegularFile(dir.model())) {
            throw new GengeoException(dir.root() + ": no model.safetensors (the run never reached its first checkpoint)");
        }
        TrainConfig config = dir.readConfig();
        DataSplit split = DataSources.load(config.dataConfig());
        try (Network net = NetworkFiles.load(dir.model()); NDManager memory = TensorEngine.newManager()) {
            Compatibility.check(net.architecture(), split.train());
            Loss loss = Loss.forOutputs(net.architecture().outputs());
            Evaluation train = Evaluation.of(net, new DeviceData(split.train(), memory, net.precision()), loss);
            Evaluation test = Evaluation.of(net, new DeviceData(split.test(), memory, net.precision()), loss);
            return new EvalRecord(Provenance.current(command), dir.root().toString(), net.architecture().spec(),
                    Trainer.dataSummary(split), train, test);
        }
    }
}
