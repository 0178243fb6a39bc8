package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.gengeo.core.io.Json;
import org.gengeo.core.tensor.TensorEngine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** Options shared by several commands, as picocli mixins. */
final class CommonOptions {
    private CommonOptions() {}

    /**
     * {@code --json FILE}: a machine-readable copy of the result. {@code --json -} writes it to standard
     * output and moves the command's human-readable lines to standard error, so that
     * {@code gengeo eval RUN --json - | jq .test} works; a FILE that is a link or a device is written
     * through ({@link org.gengeo.core.io.AtomicFiles}).
     */
    static final class JsonOutput {
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE ('-': standard output; "
                + "the human-readable lines then go to standard error).")
        Path json;
        /** Standard output as the command line had it, when --json is '-'. */
        private PrintWriter stdout;

        /** Writes {@code result} to the --json file, if one was given. */
        void write(Object result) {
            if (json == null) {
                return;
            }
            if (stdout != null) {
                stdout.print(Json.pretty(result));
                stdout.flush();
            } else {
                Json.write(json, result);
            }
        }

        /** Under {@code --json -}, keeps standard output for the JSON and sends the command's other output to standard error. */
        static void routeToStandardOutput(ParseResult leaf) {
            for (Object mixin : leaf.commandSpec().mixins().values().stream().map(CommandSpec::userObject).toList()) {
                if (mixin instanceof JsonOutput j && j.json != null && j.json.toString().equals("-")) {
                    CommandLine c = leaf.commandSpec().commandLine();
                    j.stdout = c.getOut();
                    c.setOut(c.getErr());
                }
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
