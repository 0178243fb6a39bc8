package org.gengeo.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gengeo.sweep.ResultsTable;
import org.gengeo.sweep.SweepConfig;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRow;

/**
 * {@code results.parquet}: the rows of {@code results.csv}, same columns in the same order, written by
 * Spark's Parquet writer as a directory holding one part file. Config columns are typed from the
 * plan's values (boolean, long if every value is an integer, double if every value is a number,
 * otherwise string); outcome is a string, steps a long, losses, accuracies, gaps and measures doubles.
 * The directory is written beside the old one ({@code results.parquet.new}) and then renamed in its place.
 */
final class ParquetResults {
    static final String NAME = "results.parquet";

    private ParquetResults() {}

    /** The table's schema for {@code plan}. */
    static StructType schema(SweepPlan plan) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("id", DataTypes.StringType, false));
        for (String c : plan.columns()) {
            fields.add(DataTypes.createStructField(c, columnType(plan, c), true));
        }
        for (String c : ResultsTable.OUTCOME_COLUMNS) {
            DataType t = c.equals("outcome") ? DataTypes.StringType : c.equals("steps") ? DataTypes.LongType : DataTypes.DoubleType;
            fields.add(DataTypes.createStructField(c, t, false));
        }
        plan.measures().forEach(m -> fields.add(DataTypes.createStructField(m.name(), DataTypes.DoubleType, true)));
        return DataTypes.createStructType(fields);
    }

    private static DataType columnType(SweepPlan plan, String column) {
        boolean bool = true;
        boolean integral = true;
        boolean number = true;
        for (SweepConfig c : plan.configs()) {
            Object v = c.factors().get(column);
            if (v == null) {
                continue;
            }
            bool &= v instanceof Boolean;
            number &= v instanceof Number;
            integral &= v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
        }
        return bool ? DataTypes.BooleanType : integral ? DataTypes.LongType : number ? DataTypes.DoubleType : DataTypes.StringType;
    }

    private static Object cell(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        if (t == DataTypes.LongType) {
            return ((Number) v).longValue();
        }
        if (t == DataTypes.DoubleType) {
            return ((Number) v).doubleValue();
        }
        return t == DataTypes.BooleanType ? v : String.valueOf(v);
    }

    /** Writes {@code out/results.parquet} from {@code rows}. */
    static void write(SparkSession spark, SweepPlan plan, List<SweepRow> rows, Path out) {
        StructType schema = schema(plan);
        List<Row> data = new ArrayList<>();
        for (SweepRow r : rows) {
            List<Object> v = new ArrayList<>();
            v.add(r.id());
            for (String c : plan.columns()) {
                v.add(cell(r.factors().get(c), schema.apply(c).dataType()));
            }
            v.addAll(List.of(r.outcome(), r.steps(), r.trainLoss(), r.trainAcc(), r.testLoss(), r.testAcc(), r.gapAcc(), r.gapLoss()));
            plan.measures().forEach(m -> v.add(r.measures().getOrDefault(m.name(), Double.NaN)));
            data.add(RowFactory.create(v.toArray()));
        }
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(out.toAbsolutePath().toUri());
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir, NAME);
        org.apache.hadoop.fs.Path fresh = new org.apache.hadoop.fs.Path(dir, NAME + ".new");
        org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(dir, NAME + ".old");
        spark.createDataFrame(data, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(fresh.toString());
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(old, true);
            if (fs.exists(target) && !fs.rename(target, old)) {
                throw new IOException("cannot move it to " + old);
            }
            if (!fs.rename(fresh, target)) {
                throw new IOException("cannot move " + fresh + " there");
            }
            fs.delete(old, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + target, e);
        }
    }
}
