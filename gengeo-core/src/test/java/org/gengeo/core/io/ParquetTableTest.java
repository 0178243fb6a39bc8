package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gengeo.core.io.ParquetTable.Column;
import org.gengeo.core.io.ParquetTable.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet writer: a one-column file compared byte for byte with an encoding worked out by hand from
 * the format specification, and wider tables (every type, nulls, special values, more than 15 columns)
 * read back by an independent minimal reader. (gengeo-spark's SparkSweepTest reads the local engine's
 * file with Spark as a third check.)
 */
class ParquetTableTest {
    @TempDir
    Path tmp;

    @Test
    void oneOptionalDoubleColumnMatchesTheHandEncodedFile() {
        byte[] file = new ParquetTable(List.of(new Column("x", Type.DOUBLE, true))).row(1.5).row((Object) null).toBytes();
        String expected = String.join("",
                "50415231",                       // PAR1
                // column x at offset 4: PageHeader {1: type DATA_PAGE 0, 2: uncompressed 16, 3: compressed 16,
                //   5: DataPageHeader {1: num_values 2, 2: PLAIN 0, 3: def levels RLE 3, 4: rep levels RLE 3}}
                "1500", "1520", "1520", "2c", "1504", "1500", "1506", "1506", "00", "00",
                "04000000",                       // definition levels: 4 bytes
                "0201", "0200",                   // RLE run of 1 x level 1, run of 1 x level 0 (header = run << 1)
                "000000000000f83f",               // 1.5 as a little-endian double
                // FileMetaData
                "1502",                           // 1: version 1
                "192c",                           // 2: schema, a list of 2 structs
                "4806736368656d61", "1502", "00", //    root: 4: name "schema", 5: num_children 1
                "150a", "2502", "180178", "00",   //    x: 1: type DOUBLE 5, 3: OPTIONAL 1, 4: name "x"
                "1604",                           // 3: num_rows 2
                "191c",                           // 4: row_groups, a list of 1 struct
                "191c",                           //    1: columns, a list of 1 struct
                "2608", "1c",                     //       2: file_offset 4, 3: ColumnMetaData
                "150a", "19250006", "19180178",   //          1: DOUBLE, 2: encodings [PLAIN, RLE], 3: path ["x"]
                "1500", "1604", "1642", "1642",   //          4: UNCOMPRESSED, 5: num_values 2, 6, 7: sizes 33
                "2608", "00", "00",               //          9: data_page_offset 4
                "1642", "1604", "2608", "1642",   //    2: total_byte_size 33, 3: num_rows 2, 5: file_offset 4, 6: 33
                "00",
                "2806" + "67656e67656f",          // 6: created_by "gengeo"
                "00",
                "48000000",                       // footer length 72
                "50415231");                      // PAR1
        assertEquals(expected, HexFormat.of().formatHex(file));
    }

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
        assertEquals(List.of(6, 0, 2, 5, 6, 0), back.physicalTypes());
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
        assertEquals("gengeo", new String((byte[]) back.footer().get(6), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aWideTableUsesTheLongListHeader() {
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
