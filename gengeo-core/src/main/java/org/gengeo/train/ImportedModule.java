package org.gengeo.train;

import java.nio.file.Path;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Network;
import org.gengeo.core.script.TorchScriptModule;

/**
 * A TorchScript module as the network of a run: loaded from its file, shaped by the data it will
 * see (one example's shape is the module's input shape), and checked against it: the module must
 * accept that shape and return one logit per class (one logit for two classes).
 */
public final class ImportedModule {
    private ImportedModule() {}

    /**
     * The module in {@code file} as a network for {@code data}, in evaluation mode.
     *
     * @throws org.gengeo.core.GengeoException naming the file: not TorchScript, rejected input shape,
     *     output that does not match the labels, parameters not floating point or not finite
     */
    public static Network open(Path file, Dataset data) {
        TorchScriptModule module = TorchScriptModule.load(file);
        Network net;
        try {
            net = Network.ofTorchScript(module, data.sampleShape(), file.getFileName().toString());
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
        try {
            Compatibility.check(net.architecture(), data);
        } catch (org.gengeo.core.GengeoException e) {
            net.close();
            throw new org.gengeo.core.GengeoException(file + ": " + e.getMessage());
        }
        return net;
    }
}
