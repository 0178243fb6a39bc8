package org.gengeo.cli;

import java.nio.file.Path;
import org.gengeo.core.io.Json;
import org.gengeo.core.tensor.TensorEngine;
import picocli.CommandLine.Option;

/** Options shared by several commands, as picocli mixins. */
final class CommonOptions {
    private CommonOptions() {}

    /** {@code --json FILE}: a machine-readable copy of the result. */
    static final class JsonOutput {
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
        Path json;

        /** Writes {@code result} to the --json file, if one was given. */
        void write(Object result) {
            if (json != null) {
                Json.write(json, result);
            }
        }
    }

    /** {@code --threads N}: the tensor engine's intra-op threads. */
    static final class Threads {
        @Option(names = "--threads", description = "Intra-op threads (default: all cores).")
        Integer threads;

        /** Starts the tensor engine with the requested thread count. */
        void startEngine() {
            TensorEngine.start(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        }
    }
}
