package org.gengeo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.Provenance;
import org.gengeo.train.Artifact;
import org.gengeo.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report reads every record a run directory can hold, each through its artifact's type. */
class RunReportArtifactsTest {
    @Test
    void theReportShowsEveryRecordTheRunDirectoryNames() {
        assertEquals(Set.copyOf(RunArtifacts.records()), Set.copyOf(RunReport.records()));
    }

    @Test
    void eachRecordIsReadAsItsType(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RunDirectory.CONFIG.file()), "{}");
        // valid JSON that no record type accepts: read as raw JSON it would pass, read as its type it is an error
        for (Artifact<?> a : RunArtifacts.records()) {
            Files.writeString(dir.resolve(a.file()), "{\"no_record_has_this_key\": 1}");
        }
        String html = RunReport.page(dir, Provenance.current("test")).toHtml();
        List<String> errors = Arrays.stream(html.split("Error: ")).skip(1).map(e -> e.substring(0, e.indexOf('<'))).toList();
        for (Artifact<?> a : RunArtifacts.records()) {
            assertTrue(errors.stream().anyMatch(e -> e.contains(a.file())), a.file() + " not read: " + errors);
        }
        assertEquals(RunArtifacts.records().size(), errors.size(), errors.toString());
    }
}
