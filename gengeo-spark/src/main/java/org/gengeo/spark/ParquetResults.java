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
import org.gengeo.sweep.ParquetTable;
import org.gengeo.sweep.ResultsParquet;
import org.gengeo.sweep.ResultsSchema;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRow;

/**
 * {@code results.parquet} of the Spark engine: the rows of {@code results.csv}, same columns in the same
 * order with {@link ResultsSchema}'s types (the local engine's too), written by Spark's Parquet writer as
 * a directory holding one part file. The directory is written beside the old one
 * ({@code results.parquet.new}) and then renamed in its place.
 */
final class ParquetResults {
    private ParquetResults() {}

    /** The Spark schema of these columns. */
    static StructType schema(List<ParquetTable.Column> columns) {
        List<StructField> fields = new ArrayList<>();
        for (ParquetTable.Column c : columns) {
            DataType t = switch (c.type()) {
                case BOOLEAN -> DataTypes.BooleanType;
                case INT64 -> DataTypes.LongType;
                case DOUBLE -> DataTypes.DoubleType;
                case STRING -> DataTypes.StringType;
            };
            fields.add(DataTypes.createStructField(c.name(), t, c.optional()));
        }
        return DataTypes.createStructType(fields);
    }

    /** Writes {@code out/results.parquet} from {@code rows}. */
    static void write(SparkSession spark, SweepPlan plan, List<SweepRow> rows, Path out) {
        List<ParquetTable.Column> columns = ResultsSchema.columns(plan, rows);
        List<Row> data = new ArrayList<>();
        for (SweepRow r : rows) {
            data.add(RowFactory.create(ResultsSchema.cells(plan, columns, r)));
        }
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(out.toAbsolutePath().toUri());
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir, ResultsParquet.NAME);
        org.apache.hadoop.fs.Path fresh = new org.apache.hadoop.fs.Path(dir, ResultsParquet.NAME + ".new");
        org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(dir, ResultsParquet.NAME + ".old");
        spark.createDataFrame(data, schema(columns)).coalesce(1).write().mode(SaveMode.Overwrite).parquet(fresh.toString());
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
