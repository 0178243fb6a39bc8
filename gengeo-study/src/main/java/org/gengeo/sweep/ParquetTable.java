package org.gengeo.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.gengeo.core.io.AtomicFiles;

/**
 * A flat table written as one Apache Parquet file by Apache's own Java implementation (parquet-hadoop,
 * the writer Spark uses; the version Spark 3.5 ships, so both engines run one Parquet library),
 * readable by Spark, pyarrow, pandas and DuckDB: one row group, uncompressed (no codec library needed),
 * the library's default encodings. Columns are BOOLEAN, INT64, DOUBLE or STRING (BYTE_ARRAY annotated
 * as a UTF-8 string), each REQUIRED or OPTIONAL (null allowed); the file's key-value metadata holds
 * what {@link #metadata} adds.
 *
 * <p>The Hadoop classes parquet-hadoop needs even for a local file ({@code Configuration}, the
 * output-format constants) come from hadoop-common and hadoop-mapreduce-client-core without their
 * transitive dependencies (see the parent pom); no Hadoop file system is used: the bytes go to a
 * plain {@link OutputStream} through {@link StreamOutputFile}.
 */
public final class ParquetTable {
    /** A column's type. */
    public enum Type {
        BOOLEAN, INT64, DOUBLE, STRING
    }

    /** A column: its name, type and whether cells may be null (OPTIONAL) or not (REQUIRED). */
    public record Column(String name, Type type, boolean optional) {}

    private final List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** An empty table with these columns. */
    public ParquetTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * Appends a row, one value per column: a Boolean, an integral Number (INT64), a Number (DOUBLE), any
     * object (STRING, written as {@code String.valueOf}), or null in an optional column.
     */
    public ParquetTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for " + columns.size() + " columns");
        }
        for (int j = 0; j < values.length; j++) {
            check(columns.get(j), values[j]);
        }
        rows.add(values.clone());
        return this;
    }

    /** Adds a key-value pair to the file's metadata ({@code FileMetaData.key_value_metadata}). */
    public ParquetTable metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Rows so far. */
    public int size() {
        return rows.size();
    }

    /** Writes the file atomically. */
    public void write(Path file) {
        AtomicFiles.write(file, this::writeTo);
    }

    /** The whole file. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The Parquet schema: a message "schema" with one primitive field per column. */
    MessageType schema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            Repetition r = c.optional() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            switch (c.type()) {
                case BOOLEAN -> b.primitive(PrimitiveTypeName.BOOLEAN, r).named(c.name());
                case INT64 -> b.primitive(PrimitiveTypeName.INT64, r).named(c.name());
                case DOUBLE -> b.primitive(PrimitiveTypeName.DOUBLE, r).named(c.name());
                case STRING -> b.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return b.named("schema");
    }

    private void writeTo(OutputStream out) throws IOException {
        MessageType schema = schema();
        try (ParquetWriter<Object[]> w = new Builder(new StreamOutputFile(out), new RowWriter(schema, columns, metadata))
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
            for (Object[] row : rows) {
                w.write(row);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriter support;

        Builder(OutputFile file, RowWriter support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    /** Hands one row's cells to parquet's record consumer; a null cell is a field left out (definition level 0). */
    private static final class RowWriter extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final List<Column> columns;
        private final Map<String, String> metadata;
        private RecordConsumer consumer;

        RowWriter(MessageType schema, List<Column> columns, Map<String, String> metadata) {
            this.schema = schema;
            this.columns = columns;
            this.metadata = Map.copyOf(metadata);
        }

        @Override
        public WriteContext init(Configuration conf) {
            return new WriteContext(schema, metadata);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int j = 0; j < row.length; j++) {
                Object v = row[j];
                if (v == null) {
                    continue;
                }
                Column c = columns.get(j);
                consumer.startField(c.name(), j);
                switch (c.type()) {
                    case BOOLEAN -> consumer.addBoolean((Boolean) v);
                    case INT64 -> consumer.addLong(((Number) v).longValue());
                    case DOUBLE -> consumer.addDouble(((Number) v).doubleValue());
                    case STRING -> consumer.addBinary(Binary.fromString(String.valueOf(v)));
                }
                consumer.endField(c.name(), j);
            }
            consumer.endMessage();
        }
    }

    /**
     * A Parquet {@link OutputFile} over a stream the caller owns (parquet-java 1.13 has no such class;
     * later versions' {@code LocalOutputFile} writes to a path, not through {@link AtomicFiles}).
     */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();                              // the caller closes the stream it gave
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    private static void check(Column c, Object v) {
        boolean ok = v == null ? c.optional() : switch (c.type()) {
            case BOOLEAN -> v instanceof Boolean;
            case INT64 -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
            case DOUBLE -> v instanceof Number;
            case STRING -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("column " + c.name() + " (" + c.type() + (c.optional() ? ", optional" : ", required")
                    + ") cannot hold " + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
        }
    }
}
