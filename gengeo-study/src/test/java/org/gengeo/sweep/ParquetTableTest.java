package org.gengeo.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.gengeo.sweep.ParquetTable.Column;
import org.gengeo.sweep.ParquetTable.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet table: gengeo's columns map to the Parquet types and repetitions it promises, and tables
 * with every type, nulls, special values and more than 15 columns read back cell for cell with
 * parquet-hadoop's reader. (gengeo-spark's SparkSweepTest reads the local engine's file with Spark's own
 * vectorised reader as the independent check.)
 */
class ParquetTableTest {
    @TempDir
    Path tmp;

    @Test
    void everyTypeWithNullsAndSpecialValuesReadsBack() throws Exception {
        List<Column> columns = List.of(new Column("id", Type.STRING, false), new Column("flag", Type.BOOLEAN, true),
                new Column("n", Type.INT64, true), new Column("x", Type.DOUBLE, true), new Column("s", Type.STRING, true),
                new Column("b", Type.BOOLEAN, false));
        ParquetTable t = new ParquetTable(columns).metadata("gengeo.note", "λ");
        List<Object[]> rows = new ArrayList<>();
        double[] specials = {Double.NaN, -0.0, Double.POSITIVE_INFINITY, 1e-300, Double.MIN_VALUE, -2.5};
        long[] longs = {Long.MIN_VALUE, -1, 0, 1L << 40, Long.MAX_VALUE};
        for (int i = 0; i < 300; i++) {                      // more than 127 of a run: multi-byte varints
            rows.add(new Object[] {"r" + i, i % 3 == 0 ? null : i % 2 == 0, i < 200 ? null : longs[i % longs.length],
                i % 7 == 3 ? null : specials[i % specials.length], i % 5 == 0 ? null : i % 5 == 1 ? "" : "ü 𝔘 " + i, i % 4 == 1});
        }
        rows.forEach(t::row);
        Path file = tmp.resolve("t.parquet");
        t.write(file);
        ParquetReaderForTests.Table back = ParquetReaderForTests.read(Files.readAllBytes(file));
        assertEquals(List.of("id", "flag", "n", "x", "s", "b"), back.names());
        assertEquals(List.of(PrimitiveTypeName.BINARY, PrimitiveTypeName.BOOLEAN, PrimitiveTypeName.INT64, PrimitiveTypeName.DOUBLE,
                PrimitiveTypeName.BINARY, PrimitiveTypeName.BOOLEAN), back.physicalTypes());
        assertEquals(List.of(false, true, true, true, true, false), back.optional());
        assertEquals(List.of(true, false, false, false, true, false), back.strings());
        assertEquals(rows.size(), back.rows().size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] expected = rows.get(i).clone();
            if (expected[2] != null) {
                expected[2] = ((Number) expected[2]).longValue();
            }
            assertArrayEquals(expected, back.rows().get(i), "row " + i);     // doubles compared by bits, NaN included
        }
        assertEquals("λ", back.metadata().get("gengeo.note"));
        assertTrue(back.createdBy().startsWith("parquet-mr version 1.13.1"), back.createdBy());
    }

    @Test
    void aWideTableReadsBack() {
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            columns.add(new Column("c" + j, j % 2 == 0 ? Type.DOUBLE : Type.INT64, false));
        }
        ParquetTable t = new ParquetTable(columns);
        for (int i = 0; i < 3; i++) {
            Object[] row = new Object[20];
            for (int j = 0; j < 20; j++) {
                row[j] = j % 2 == 0 ? (Object) (i * 100.0 + j) : (Object) (long) (i * 100 + j);
            }
            t.row(row);
        }
        ParquetReaderForTests.Table back = ParquetReaderForTests.read(t.toBytes());
        assertEquals(20, back.names().size());
        assertEquals(219L, back.rows().get(2)[19]);
        assertEquals(218.0, back.rows().get(2)[18]);
    }

    @Test
    void anEmptyTableIsAValidFile() {
        ParquetReaderForTests.Table back = ParquetReaderForTests.read(
                new ParquetTable(List.of(new Column("x", Type.DOUBLE, true))).toBytes());
        assertTrue(back.rows().isEmpty());
    }

    @Test
    void cellsThatDoNotFitTheirColumnAreRefused() {
        ParquetTable t = new ParquetTable(List.of(new Column("n", Type.INT64, false), new Column("x", Type.DOUBLE, true)));
        assertThrows(IllegalArgumentException.class, () -> t.row(null, 1.0));
        assertThrows(IllegalArgumentException.class, () -> t.row(1.5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> t.row(1L, "a"));
        assertThrows(IllegalArgumentException.class, () -> t.row(1L));
        assertEquals(0, t.size());
    }
}
