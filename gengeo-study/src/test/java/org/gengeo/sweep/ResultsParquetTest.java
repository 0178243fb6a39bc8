package org.gengeo.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine's results.parquet: Spark's layout (a directory with one part file and _SUCCESS),
 * the CSV's rows with typed cells (a measure missing from a row is null, an empty CSV field), the
 * provenance in its metadata, and a directory left by another writer (the Spark engine) or by a kill
 * between two renames replaced cleanly.
 */
class ResultsParquetTest {
    static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void theTableHoldsTheCsvRowsInSparksLayout(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlan.parse("tiny.yaml", SweepRunnerTest.SWEEP);
        Path out = tmp.resolve("s");
        SweepRunnerTest.run(plan, out);
        Path dir = out.resolve(ResultsParquet.NAME);
        assertEquals(Set.of("part-00000.parquet", "_SUCCESS"), names(dir));

        // a model whose row lacks a measure, as if the sweep file gained it after the row was written
        Path row = SweepRunner.rowFile(out, plan.configs().get(1).id());
        Files.writeString(row, Files.readString(row).replaceFirst("\"dist-init\" : [^,}\\s]+", "\"unused\" : 0"));
        SweepRunner.writeTables(plan, out, "gengeo sweep test");

        ParquetReaderForTests.Table t = ParquetReaderForTests.read(Files.readAllBytes(dir.resolve(ResultsParquet.PART)));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(List.of(csv.get(0).split(",")), t.names());
        assertEquals(List.of("BINARY", "BINARY", "INT64", "INT64", "BINARY", "INT64", "INT64", "DOUBLE", "INT64", "BINARY", "INT64",
                "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE"),
                t.physicalTypes().stream().map(Enum::name).toList(),
                "id, data, train-size, test-size, model, epochs, batch, lr, seed, outcome, steps, 6 doubles, 3 measures");
        assertEquals(List.of(true, true, false, false, true, false, false, false, false, true, false, false, false, false, false, false,
                false, false, false, false), t.strings(), "strings are annotated as such");
        assertEquals(csv.size() - 1, t.rows().size());
        for (int i = 1; i < csv.size(); i++) {
            String[] cells = csv.get(i).split(",", -1);
            Object[] got = t.rows().get(i - 1);
            for (int j = 0; j < cells.length; j++) {
                String where = t.names().get(j) + " of row " + i;
                if (cells[j].isEmpty()) {
                    assertEquals(null, got[j], where);
                } else if (got[j] instanceof Number n) {
                    assertEquals(Double.parseDouble(cells[j]), n.doubleValue(), 0.0, where);
                } else {
                    assertEquals(cells[j], got[j], where);
                }
            }
        }
        assertTrue(csv.get(2).contains(",,"), "dist-init is empty in the CSV: " + csv.get(2));
        assertTrue(t.metadata().get("gengeo.provenance").contains("\"command\":\"gengeo sweep test\""), t.metadata().toString());
    }

    @Test
    void aDirectoryOfAnotherWriterAndLeftoversOfAKillAreReplaced(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlan.parse("tiny.yaml", SweepRunnerTest.SWEEP);
        Path out = tmp.resolve("s");
        SweepRunnerTest.run(plan, out);
        byte[] ours = Files.readAllBytes(out.resolve(ResultsParquet.NAME).resolve(ResultsParquet.PART));

        Path dir = out.resolve(ResultsParquet.NAME);                      // as the Spark engine leaves it
        Files.delete(dir.resolve(ResultsParquet.PART));
        Files.write(dir.resolve("part-00000-1234-c000.snappy.parquet"), new byte[] {1, 2, 3});
        Files.write(dir.resolve(".part-00000-1234-c000.snappy.parquet.crc"), new byte[] {4});
        Files.createDirectories(out.resolve(ResultsParquet.NAME + ".new"));   // a kill left a half-built one
        Files.writeString(out.resolve(ResultsParquet.NAME + ".new").resolve("junk"), "x");

        SweepRunner.writeTables(plan, out, "test");
        assertEquals(Set.of("part-00000.parquet", "_SUCCESS"), names(dir));
        assertFalse(Files.exists(out.resolve(ResultsParquet.NAME + ".new")));
        assertFalse(Files.exists(out.resolve(ResultsParquet.NAME + ".old")));
        ParquetReaderForTests.Table before = ParquetReaderForTests.read(ours);
        ParquetReaderForTests.Table after = ParquetReaderForTests.read(Files.readAllBytes(dir.resolve(ResultsParquet.PART)));
        assertEquals(before.rows().size(), after.rows().size());
        for (int i = 0; i < before.rows().size(); i++) {
            assertArrayEquals(before.rows().get(i), after.rows().get(i));
        }
    }
}
