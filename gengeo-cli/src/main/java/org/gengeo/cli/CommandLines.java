package org.gengeo.cli;

/** Reconstructs the command as typed, for provenance. */
final class CommandLines {
    private CommandLines() {}

    static String of(String subcommand, String[] args) {
        StringBuilder sb = new StringBuilder("gengeo ").append(subcommand);
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
