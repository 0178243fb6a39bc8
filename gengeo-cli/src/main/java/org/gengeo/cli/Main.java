package org.gengeo.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.gengeo.core.GengeoException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code gengeo} command. User mistakes (bad flags, corrupt files, impossible
 * options) print one line {@code gengeo: error: ...} and exit with code 2; a diverged training run
 * exits with 3; an I/O failure with 1; a bug prints its stack trace and exits with 70.
 */
public final class Main {
    /** Exit code of a diverged run. */
    public static final int DIVERGED = 3;
    /** Exit code of an internal error. */
    public static final int INTERNAL = 70;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    /** The configured command line. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GengeoCommand());
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExecutionStrategy(parsed -> {
            ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            Verbosity.set(Verbosity.of(parsed));
            Logging.configure(Verbosity.current());
            CommonOptions.JsonOutput.routeToStandardOutput(leaf);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("gengeo: error: " + oneLine(ex.getMessage()) + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
            return GengeoException.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            if (ex instanceof GengeoException g) {
                err.println("gengeo: error: " + oneLine(g.getMessage()));
                return g.exitCode();
            }
            if (ex instanceof UncheckedIOException io) {
                err.println("gengeo: error: " + oneLine(io.getMessage()));
                return 1;
            }
            err.println("gengeo: internal error (please report it): " + ex);
            ex.printStackTrace(err);
            return INTERNAL;
        });
        return cl;
    }

    static String oneLine(String s) {
        return s == null ? "unknown error" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
