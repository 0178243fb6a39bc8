package org.gengeo.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Reconstructs the command as typed, for provenance. */
final class CommandLines {
    private CommandLines() {}

    /** The command line as the user typed it: "gengeo" and the original arguments (subcommand names included). */
    static String of(CommandSpec spec) {
        return of(spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
    }

    static String of(String[] args) {
        StringBuilder sb = new StringBuilder("gengeo");
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
