package org.gengeo.cli;

import picocli.CommandLine.ParseResult;

/**
 * How much a command says on standard error, from the inherited {@code --quiet} and {@code --verbose}
 * flags: QUIET prints no progress and logs only errors; NORMAL shows progress and logs warnings;
 * VERBOSE also logs gengeo's debug messages and the libraries' informational ones. Results on
 * standard output do not depend on it.
 */
enum Verbosity {
    QUIET, NORMAL, VERBOSE;

    private static volatile Verbosity current = NORMAL;

    /** The level of the command being run. */
    static Verbosity current() {
        return current;
    }

    static void set(Verbosity v) {
        current = v;
    }

    /** The level {@code --quiet} / {@code --verbose} ask for anywhere on the parsed command line (both: an error). */
    static Verbosity of(ParseResult parsed) {
        boolean quiet = false;
        boolean verbose = false;
        for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            quiet |= p.hasMatchedOption("--quiet");
            verbose |= p.hasMatchedOption("--verbose");
        }
        if (quiet && verbose) {
            throw new picocli.CommandLine.ParameterException(parsed.commandSpec().commandLine(), "--quiet and --verbose exclude each other");
        }
        return quiet ? QUIET : verbose ? VERBOSE : NORMAL;
    }
}
