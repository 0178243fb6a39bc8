package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.gengeo.analysis.Analysis;
import org.gengeo.core.Progress;
import org.gengeo.report.page.HtmlPage;
import org.gengeo.train.Artifact;
import org.gengeo.train.RunDirectory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one skeleton of the per-run analysis commands: start the engine, run the {@link Analysis}
 * (which opens the run and writes its record), write its page if it has one, the {@code --json}
 * copy, and the command's summary lines. A command binds its flags to options and says how its
 * outcome is printed; nothing else.
 */
final class AnalysisCommands {
    private AnalysisCommands() {}

    /**
     * A page of an analysis's outcome, and the run-directory file it goes to.
     *
     * @param artifact where the page is written
     * @param page     the page of an outcome
     */
    record Page<T>(Artifact<Void> artifact, Function<T, HtmlPage> page) {}

    /**
     * Runs {@code analysis} on the run in {@code dir} with {@code options}.
     *
     * @param progress the label of a console progress line, or null for none
     * @param page     the page written beside the record, or null for none
     * @param print    the summary lines of the outcome
     * @return the exit status, 0
     */
    static <O, T, R> int execute(CommandSpec spec, Path dir, CommonOptions.Threads threads, CommonOptions.JsonOutput json,
                                 Analysis<O, T, R> analysis, O options, String progress, Page<T> page,
                                 BiConsumer<PrintWriter, T> print) {
        threads.startEngine();
        String command = CommandLines.of(spec);
        T outcome;
        if (progress == null) {
            outcome = analysis.run(dir, options, command, Progress.NONE);
        } else {
            try (ConsoleProgress console = new ConsoleProgress(progress)) {
                outcome = analysis.run(dir, options, command, console);
            }
        }
        if (page != null) {
            page.page().apply(outcome).write(RunDirectory.open(dir).path(page.artifact()));
        }
        json.write(analysis.record(outcome));
        PrintWriter out = spec.commandLine().getOut();
        print.accept(out, outcome);
        out.flush();
        return 0;
    }
}
