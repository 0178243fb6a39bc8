package org.gengeo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.gengeo.cli.Main;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gengeo sweep --engine spark} on embedded Spark: the same table as the local engine (an
 * independent run of the same plan), both engines' results.parquet equal to their results.csv cell for
 * cell (nulls included) when read back with Spark, with the same column types, and a resumed run that
 * redoes only the model whose row is missing. Spark reading the local engine's file is the independent
 * check of gengeo's own Parquet writer. Tagged slow: three
 * Spark sessions take 45 to 100 s on a busy 2-core machine; CI's slow step runs it.
 */
@Tag("slow")
class SparkSweepTest {
    static final String SWEEP = """
            name: tiny-spark
            base: {data: gaussians, train-size: 120, test-size: 60, model: "mlp:20-8-10", epochs: 2, batch: 30}
            grid: {lr: [0.02, 0.2]}
            runs: [{lr: 0.1, seed: 2}]
            measures: [frobenius-norm, dist-init]
            """;

    @Test
    void sparkEngineWritesTheLocalEnginesTableAsCsvAndParquet(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, SWEEP);
        SweepPlan plan = SweepPlan.read(file);
        Path local = tmp.resolve("local");
        SweepRunner.Outcome o = SweepRunner.run(plan, local, 1, SweepRunner.inProcess(plan, local, 1, "test"), "test", line -> { });
        assertEquals(3, o.finished());

        Path spark = tmp.resolve("spark");
        String[] args = {"sweep", file.toString(), "--engine", "spark", "--master", "local[2]", "--threads", "1", "--out", spark.toString()};
        assertEquals(0, Main.run(args));
        String csv = Files.readString(spark.resolve("results.csv"));
        assertEquals(Files.readString(local.resolve("results.csv")), csv);
        assertTrue(Files.isDirectory(spark.resolve("results.parquet")));

        Path kept = SweepRunner.rowFile(spark, plan.configs().get(0).id());
        Path lost = SweepRunner.rowFile(spark, plan.configs().get(1).id());
        long written = Files.getLastModifiedTime(kept).toMillis();
        Files.delete(lost);                                                // as if killed before its row was written
        assertEquals(0, Main.run(args));                                   // one task: the finished models are skipped
        assertEquals(written, Files.getLastModifiedTime(kept).toMillis());
        assertTrue(Files.isRegularFile(lost));
        assertEquals(csv, Files.readString(spark.resolve("results.csv")));

        // nulls: a model whose row lacks a measure (as if the sweep file gained it after the row was written)
        Path row = SweepRunner.rowFile(local, plan.configs().get(2).id());
        Files.writeString(row, Files.readString(row).replaceFirst("\"dist-init\" : [^,}\\s]+", "\"unused\" : 0"));
        SweepRunner.writeTables(plan, local, "test");
        assertTrue(Files.readString(local.resolve("results.csv")).contains(",\n"), "an empty last cell");

        SparkSession s = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> fromSpark = assertParquetEqualsCsv(s, spark);
            Dataset<Row> fromLocal = assertParquetEqualsCsv(s, local);
            assertEquals(DataTypes.LongType, fromSpark.schema().apply("train-size").dataType());
            assertEquals(DataTypes.DoubleType, fromSpark.schema().apply("lr").dataType());
            for (int j = 0; j < fromSpark.schema().fields().length; j++) {
                assertEquals(fromSpark.schema().fields()[j].dataType(), fromLocal.schema().fields()[j].dataType(), fromSpark.columns()[j]);
            }
            assertTrue(Files.isRegularFile(local.resolve("results.parquet").resolve("part-00000.parquet")));
        } finally {
            s.stop();
        }
    }

    /**
     * Reads {@code dir/results.parquet} with Spark and checks it against {@code dir/results.csv} cell for
     * cell: the same columns and rows, numbers equal (NaN included), an empty CSV field a null.
     */
    static Dataset<Row> assertParquetEqualsCsv(SparkSession s, Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        String[] header = lines.get(0).split(",", -1);
        Dataset<Row> table = s.read().parquet(dir.resolve("results.parquet").toString());
        assertEquals(List.of(header), List.of(table.columns()));
        List<Row> rows = table.collectAsList();
        assertEquals(lines.size() - 1, rows.size());
        List<String> ids = new ArrayList<>();
        for (Row r : rows) {
            ids.add(r.getString(0));
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Row r = rows.get(ids.indexOf(cells[0]));
            for (int j = 0; j < header.length; j++) {
                Object v = r.get(j);
                String where = header[j] + " of " + cells[0] + " in " + dir;
                if (cells[j].isEmpty()) {
                    assertNull(v, where);
                } else if (v instanceof Number n) {
                    assertEquals(Double.parseDouble(cells[j]), n.doubleValue(), 0.0, where);
                } else {
                    assertInstanceOf(String.class, v, where);
                    assertEquals(cells[j], v, where);
                }
            }
        }
        return table;
    }
}
