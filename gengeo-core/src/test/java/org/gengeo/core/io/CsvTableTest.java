package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gengeo.core.GengeoException;
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

    @Test
    void parsesWhatItWritesIncludingQuotesLineBreaksAndEmptyFields() {
        CsvTable t = new CsvTable("id", "note", "x").row("a b", "two\nlines, \"quoted\"", null).row("c", "", 2.5);
        assertEquals(List.of(List.of("id", "note", "x"), List.of("a b", "two\nlines, \"quoted\"", ""), List.of("c", "", "2.5")),
                CsvTable.parse(t.toCsv(), "t.csv"));
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), CsvTable.parse("a,b\r\n\r\n1,2\r\n", "crlf.csv"), "CRLF and blank lines");
    }

    @Test
    void anUnclosedQuoteIsAnErrorNamingTheFile() {
        GengeoException e = assertThrows(GengeoException.class, () -> CsvTable.parse("a,b\n1,\"2\n", "bad.csv"));
        assertTrue(e.getMessage().startsWith("bad.csv: not valid CSV"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
