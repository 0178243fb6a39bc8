package org.gengeo.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.Precision;

/**
 * The starting weights of a run with {@code --init-from FILE}: the parameters of a saved model (say,
 * one pretrained on random labels, as in Liao et al. 2018), converted to the run's precision. The file's
 * architecture, activation and dropout must be the config's; anything else is a one-line error.
 */
final class InitFrom {
    private InitFrom() {}

    /** The network stored in {@code config.initFrom()}, checked against the config. */
    static Network load(TrainConfig config) {
        Path file = Path.of(config.initFrom());
        if (!Files.isRegularFile(file)) {
            throw new GengeoException("--init-from " + file + ": no such file");
        }
        Network net = NetworkFiles.load(file, Precision.parse(config.dtype()));
        String want = Architecture.parse(config.model()).spec();
        String mismatch = !net.architecture().spec().equals(want) ? "architecture " + net.architecture().spec() + ", not " + want
                : net.activation() != Activation.parse(config.activation()) ? "activation " + net.activation().label()
                : net.dropout() != config.dropout() ? "dropout " + net.dropout() + ", not " + config.dropout() : null;
        if (mismatch != null) {
            net.close();
            throw new GengeoException("--init-from " + file + " holds a model with " + mismatch);
        }
        return net;
    }
}
