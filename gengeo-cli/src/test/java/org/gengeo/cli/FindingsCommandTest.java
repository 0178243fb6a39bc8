package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gengeo findings} on a fixture of two study directories, and on bad input. */
class FindingsCommandTest {
    private static final Path FIXTURE = Path.of("src/test/resources/findings-fixture");

    @TempDir
    Path tmp;

    @Test
    void printsAndWritesTheTableOfEveryStudy() throws Exception {
        Path md = tmp.resolve("f.md");
        Path html = tmp.resolve("f.html");
        CliTest.Result r = CliTest.run("findings", FIXTURE.resolve("flat").toString(), FIXTURE.resolve("coh/findings.json").toString(),
                "--markdown", md.toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 reproduced, 1 partly, 1 contradicted"), r.out());
        assertTrue(r.out().contains("flatness: commit abc1234, command: gengeo study flatness --out fixture"), r.out());
        String table = Files.readString(md);
        assertTrue(table.startsWith("| study | claim | paper | gengeo | 95% CI | seeds | verdict |\n|---|---|---|---|---|---|---|\n"), table);
        assertTrue(table.contains("| flatness | SGD: larger P(f) generalises better | tau > 0 | 0.8 (Kendall tau(log10 P(f), test accuracy)) "
                + "| [0.6, 0.9] over 15 networks | 5 | reproduced |"), table);
        assertTrue(table.contains("| exact | 5 | reproduced |"), table);
        assertTrue(table.contains("| coherence | Real labels \\| more coherent |"), "pipes escaped: " + table);
        assertTrue(table.contains("- flatness (sgd-tau-pf, sgd-tau-sharpness): toy setting A\n- flatness (alpha-pf-invariant): toy setting B\n"), table);
        assertTrue(table.contains("- coherence: toy coherence\n"), table);
        assertEquals(4, table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| study")).count());
        String page = Files.readString(html);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        assertTrue(page.contains("contradicted") && page.contains("toy setting B"));
    }

    @Test
    void aMissingDirectoryOrAHandSetVerdictIsAOneLineError() {
        Path md = tmp.resolve("f.md");
        CliTest.assertOneLineError(CliTest.run("findings", tmp.resolve("nowhere").toString(), "--markdown", md.toString()), 2, "no findings.json");
        CliTest.assertOneLineError(CliTest.run("findings", "src/test/resources/findings-edited", "--markdown", md.toString()), 2,
                "verdicts are computed, never set by hand");
        assertFalse(Files.exists(md), "nothing half-written");
    }
}
