package org.gengeo.train;

import java.util.Objects;

/**
 * One file a run directory can hold: its name and, for a JSON record, the type it reads back as
 * ({@link RunDirectory#read}); the name is spelled here only, so the code that writes a file and the
 * code that reads it cannot disagree. The files of training are {@link RunDirectory}'s constants,
 * those of the analyses {@code org.gengeo.analysis.RunArtifacts}'.
 *
 * @param file the file name inside the run directory
 * @param type the record type of a JSON file, or null for a file of another format (weights, CSV, HTML)
 * @param what what the file holds, in a few words
 * @param <T>  the record type
 */
public record Artifact<T>(String file, Class<T> type, String what) {
    /** Checks the name. */
    public Artifact {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(what, "what");
    }

    /** A JSON file that reads back as {@code type}. */
    public static <T> Artifact<T> record(String file, Class<T> type, String what) {
        return new Artifact<>(file, Objects.requireNonNull(type, "type"), what);
    }

    /** A file of another format (weights, a table, a page), named but not read as a record. */
    public static Artifact<Void> file(String file, String what) {
        return new Artifact<>(file, null, what);
    }

    /** Whether the file is a JSON record with a type. */
    public boolean isRecord() {
        return type != null;
    }
}
