package org.gengeo.cli;

import org.gengeo.core.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code gengeo} command. */
@Command(name = "gengeo", mixinStandardHelpOptions = true,
        versionProvider = GengeoCommand.Version.class,
        description = "Train neural networks and measure the geometry of the solutions they reach.",
        subcommands = {TrainCommand.class, ImportCommand.class, EvalCommand.class, InfoCommand.class, HessianCommand.class, LandscapeCommand.class, CoherenceCommand.class,
                VolumeCommand.class, SharpnessCommand.class, RescaleCommand.class, DualityCommand.class, MarginsCommand.class, MeasureCommand.class,
                SweepCommand.class, RankCommand.class, ReportCommand.class, StudyCommand.class, FindingsCommand.class, picocli.CommandLine.HelpCommand.class})
public final class GengeoCommand implements Runnable {
    /** Read through the parse result by {@link Verbosity#of}; inherited by every subcommand. */
    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress on standard error; log errors only.")
    boolean quiet;
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log debug messages of gengeo and informational ones of its libraries.")
    boolean verbose;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Prints the build's version. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gengeo " + Provenance.version()};
        }
    }
}
