package org.gengeo.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's findings tables are {@code gengeo findings} output of the stored {@code results/}: each block
 * {@code <!-- findings: results/A results/B -->} ... {@code <!-- /findings -->} must equal the Markdown of those
 * directories' findings.json, and every stored findings.json ({@code results/STUDY/} or, for a study run once per
 * factor, {@code results/STUDY/FACTOR/}) must be quoted by some block.
 */
class ReadmeFindingsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("<!-- findings: ([^>]*?) -->\\n(.*?)<!-- /findings -->", Pattern.DOTALL);

    @Test
    void readmeTablesMatchTheStoredResults() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = BLOCK.matcher(readme);
        Set<Path> quoted = new HashSet<>();
        int blocks = 0;
        while (m.find()) {
            blocks++;
            List<Path> dirs = new ArrayList<>();
            for (String d : m.group(1).trim().split("\\s+")) {
                dirs.add(ROOT.resolve(d).normalize());
            }
            quoted.addAll(dirs);
            String expected = FindingsTable.read(dirs).markdown();
            assertEquals(expected, m.group(2), "README block for " + m.group(1) + " differs from `gengeo findings " + m.group(1)
                    + " --markdown ...`; regenerate it");
        }
        assertTrue(blocks > 0, "README has no findings block");
        try (Stream<Path> stored = Files.walk(ROOT.resolve("results"), 2)) {
            for (Path dir : stored.filter(d -> Files.isRegularFile(d.resolve(StudyFindings.FILE))).toList()) {
                assertTrue(quoted.contains(dir.normalize()), dir + " holds findings the README does not quote");
            }
        }
    }
}
