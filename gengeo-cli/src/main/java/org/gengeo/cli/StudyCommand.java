package org.gengeo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gengeo study NAME ...}: one paper's experiment end to end (configurations, training,
 * measures, plots). Each study is a subcommand that writes JSON, CSV and an {@code index.html} page
 * with its plots into {@code --out DIR}.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Run one of the papers' experiments: trains its models, measures them, and writes JSON, CSV and an HTML page of plots.",
        subcommands = {CoherenceStudyCommand.class, FlatnessStudyCommand.class, FlatnessTemporalCommand.class, DualityStudyCommand.class,
                MarginsStudyCommand.class})
public final class StudyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
