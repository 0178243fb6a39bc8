package org.gengeo.findings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;

/**
 * {@code findings.json}: a study's findings with the provenance (gengeo version, commit, command)
 * of the run that made them.
 *
 * @param study      the study's name ({@code flatness}, {@code coherence}, ...)
 * @param provenance code and command
 * @param findings   the findings, ids unique
 */
public record StudyFindings(String study, Provenance provenance, List<Finding> findings) {
    /** The file name inside a study directory. */
    public static final String FILE = "findings.json";

    public StudyFindings {
        Set<String> ids = new HashSet<>();
        for (Finding f : findings) {
            if (!ids.add(f.id())) {
                throw new GengeoException("study " + study + ": two findings with the id '" + f.id() + "'");
            }
        }
        findings = List.copyOf(findings);
    }

    /** Writes {@code DIR/findings.json} atomically. */
    public void write(Path dir) {
        Json.write(dir.resolve(FILE), this);
    }

    /** Reads {@code path}: a study directory holding findings.json, or the file itself. */
    public static StudyFindings read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new GengeoException(path + ": no " + FILE + " (run a study into it first)");
        }
        return Json.read(file, StudyFindings.class);
    }
}
