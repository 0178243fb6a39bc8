package org.gengeo.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict rule on hand-made findings, and that a stored verdict cannot be set by hand. */
class VerdictRuleTest {
    private static Verdict above(double est, double lo, double hi) {
        return Rule.above(0).decide(est, new double[] {lo, hi});
    }

    @Test
    void intervalRuleOnEachSideOfTheThreshold() {
        assertEquals(Verdict.REPRODUCED, above(0.3, 0.1, 0.5));
        assertEquals(Verdict.PARTLY, above(0.2, -0.1, 0.5));
        assertEquals(Verdict.NOT_REPRODUCED, above(-0.2, -0.5, 0.1));
        assertEquals(Verdict.CONTRADICTED, above(-0.3, -0.5, -0.1));
        assertEquals(Verdict.PARTLY, above(0.2, 0, 0.5), "an interval touching the threshold does not exclude it");
        assertEquals(Verdict.NOT_REPRODUCED, above(-0.2, -0.5, 0), "nor contradict");
        assertEquals(Verdict.REPRODUCED, Rule.below(1).decide(0.5, new double[] {0.2, 0.9}));
        assertEquals(Verdict.CONTRADICTED, Rule.below(1).decide(1.5, new double[] {1.2, 1.9}));
    }

    @Test
    void oneSeedGivesAtMostPartlyAndExactChecksNeedNoInterval() {
        assertEquals(Verdict.PARTLY, Rule.above(1).decide(2.0, null));
        assertEquals(Verdict.NOT_REPRODUCED, Rule.above(1).decide(0.5, null));
        assertEquals(Verdict.PARTLY, Rule.above(0).decide(0.5, new double[] {Double.NaN, Double.NaN}));
        assertEquals(Verdict.REPRODUCED, Rule.exactlyBelow(1e-6).decide(1e-7, null));
        assertEquals(Verdict.NOT_REPRODUCED, Rule.exactlyBelow(1e-6).decide(1e-3, null));
        assertEquals(Verdict.NOT_REPRODUCED, Rule.above(0).decide(Double.NaN, new double[] {0.1, 0.2}));
    }

    @Test
    void aVerdictThatIsNotTheRulesIsRefused() {
        GengeoException e = assertThrows(GengeoException.class, () -> new Finding("x", "c", "p", "q", 0.2, new double[] {-0.1, 0.5}, 5,
                "15 networks", "s", Rule.above(0), Verdict.REPRODUCED));
        assertTrue(e.getMessage().contains("'partly'"), e.getMessage());
        assertThrows(GengeoException.class, () -> new Rule("over", 0, "interval"));
    }

    @Test
    void aHandEditedFindingsFileIsRefusedOnReading(@TempDir Path dir) throws Exception {
        Finding f = new Finding("tau", "claim", "paper", "quantity", 0.4, new double[] {0.2, 0.6}, 5, "15 networks", "setting",
                Rule.above(0), Verdict.REPRODUCED);
        StudyFindings s = new StudyFindings("demo", new Provenance("0", "abc", "e", "j", 1, "cmd", "t"), List.of(f));
        s.write(dir);
        assertEquals(s, StudyFindings.read(dir));
        Path file = dir.resolve(StudyFindings.FILE);
        Files.writeString(file, Files.readString(file).replace("\"ci\" : [ 0.2, 0.6 ]", "\"ci\" : [ -0.2, 0.6 ]"));
        GengeoException e = assertThrows(GengeoException.class, () -> StudyFindings.read(dir));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertThrows(GengeoException.class, () -> new StudyFindings("demo", s.provenance(), List.of(f, f)));
    }
}
