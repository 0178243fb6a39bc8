package org.gengeo.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.FileHashes;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.Precision;

/**
 * A saved run brought back for measurement: its config, its data (rebuilt from the config and
 * checked against the hashes recorded at training time) and its model, optionally converted to
 * another precision. A run with {@code model.pt} (an imported or trained TorchScript module) runs
 * that module, which keeps its own precision. Close it to free the model.
 */
public record LoadedRun(RunDirectory dir, TrainConfig config, DataSplit data, Network network) implements AutoCloseable {
    /** Loads the run in {@code dir}; {@code precision} null keeps the model's own. */
    public static LoadedRun open(RunDirectory dir, Precision precision) {
        if (!Files.isRegularFile(dir.model())) {
            throw new GengeoException(dir.root() + ": no model.safetensors (the run never reached its first checkpoint)");
        }
        TrainConfig config = dir.readConfig();
        DataSplit split = DataSources.load(config.dataConfig());
        if (Files.isRegularFile(dir.run())) {
            Object recorded = dir.readRun().data().get("train_hash");
            if (recorded != null && !recorded.equals(split.train().contentHash())) {
                throw new GengeoException(dir.root() + ": the training data rebuilt from config.json differs from the data the run "
                        + "was trained on (content hash changed; was the data directory replaced?)");
            }
        }
        if (Files.isRegularFile(dir.module())) {
            Network module = ImportedModule.open(dir.module(), split.train());
            if (precision != null && precision != module.precision()) {
                module.close();
                throw new GengeoException(dir.module() + ": an imported TorchScript module keeps its own precision ("
                        + module.precision() + "); " + precision + " does not apply to it");
            }
            return new LoadedRun(dir, config, split, module);
        }
        Network net = precision == null ? NetworkFiles.load(dir.model()) : NetworkFiles.load(dir.model(), precision);
        try {
            Compatibility.check(net.architecture(), split.train());
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return new LoadedRun(dir, config, split, net);
    }

    /** What an analysis of this run reads: the model file with its SHA-256 and the data's content hashes. */
    public Provenance.Inputs inputs() {
        Path model = Files.isRegularFile(dir.module()) ? dir.module() : dir.model();
        return new Provenance.Inputs(model.getFileName().toString(), FileHashes.sha256(model), data.train().contentHash(),
                data.test().contentHash());
    }

    @Override
    public void close() {
        network.close();
    }
}
