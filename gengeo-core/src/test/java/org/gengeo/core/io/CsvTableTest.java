package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @Test
    void quotesOnlyWhatNeedsQuotingAndSpellsNonFiniteNumbersAsPandasReadsThem(@TempDir Path dir) throws Exception {
        CsvTable t = new CsvTable("name", "value", "ok").row("a,b", 0.1, true).row("say \"hi\"", Double.NaN, null)
                .row("x", Double.NEGATIVE_INFINITY, false).row("n", 3, 1.5f);
        String expected = "name,value,ok\n\"a,b\",0.1,true\n\"say \"\"hi\"\"\",NaN,\nx,-inf,false\nn,3,1.5\n";
        assertEquals(expected, t.toCsv());
        t.write(dir.resolve("t.csv"));
        assertEquals(expected, Files.readString(dir.resolve("t.csv")));
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
    }
}
