package org.gengeo.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Reconstructs the command as typed, for provenance. */
final class CommandLines {
    private CommandLines() {}

    /** The command line of {@code spec}'s subcommand as the user typed it. */
    static String of(CommandSpec spec) {
        return of(spec.name(), spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
    }

    static String of(String subcommand, String[] args) {
        StringBuilder sb = new StringBuilder("gengeo ").append(subcommand);
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
