package org.gengeo.train;

import org.gengeo.core.GengeoException;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Architecture;

/** Checks that a model can be trained or evaluated on a data set, before any work starts. */
public final class Compatibility {
    private Compatibility() {}

    /**
     * The model's input size must equal the data's feature count; a one-output model needs binary
     * labels (--binary or a two-class set); otherwise the output count must equal the class count.
     */
    public static void check(Architecture arch, Dataset data) {
        if (arch.inputSize() != data.featureSize()) {
            throw new GengeoException("model " + arch.spec() + " takes " + arch.inputSize() + " inputs but data '"
                    + data.name() + "' has " + data.featureSize() + " features per example");
        }
        int outputs = arch.outputs();
        if (outputs == 1) {
            if (data.numClasses() != 2) {
                throw new GengeoException("model " + arch.spec() + " has one output, which needs two classes (use --binary); data '"
                        + data.name() + "' has " + data.numClasses());
            }
        } else if (outputs != data.numClasses()) {
            throw new GengeoException("model " + arch.spec() + " has " + outputs + " outputs but data '" + data.name()
                    + "' has " + data.numClasses() + " classes");
        }
    }
}
