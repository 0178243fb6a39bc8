package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.core.io.Json;
import org.gengeo.train.EvalRecord;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.RunEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo eval DIR}: loss and accuracy of a run's saved model on its train and test sets. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a run's model.safetensors on the train and test sets of its config.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "DIR", description = "Run directory.")
    Path dir;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        threads.startEngine();
        String command = CommandLines.of(spec);
        EvalRecord r = RunEvaluator.evaluate(RunDirectory.open(dir), command);
        json.write(r);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s  %s%n", r.arch(), r.data().get("name"));
        Summaries.printEvaluations(out, r.train(), r.test());
        return 0;
    }
}
