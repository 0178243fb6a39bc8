package org.gengeo.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file back for tests, with parquet-hadoop's own reader (the footer, then every
 * row group's records assembled by parquet-column): the columns' names, physical types, repetition and
 * string annotation, the rows (Boolean, Long, Double, String or null) and the key-value metadata.
 */
public final class ParquetReaderForTests {
    /** A file's columns, rows and key-value metadata. */
    public record Table(List<String> names, List<PrimitiveTypeName> physicalTypes, List<Boolean> optional, List<Boolean> strings,
                        List<Object[]> rows, Map<String, String> metadata, String createdBy) {}

    private ParquetReaderForTests() {}

    /** Decodes a whole file. */
    public static Table read(byte[] file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new BytesInputFile(file))) {
            FileMetaData meta = reader.getFooter().getFileMetaData();
            MessageType schema = meta.getSchema();
            List<String> names = new ArrayList<>();
            List<PrimitiveTypeName> types = new ArrayList<>();
            List<Boolean> optional = new ArrayList<>();
            List<Boolean> strings = new ArrayList<>();
            for (Type t : schema.getFields()) {
                PrimitiveType p = t.asPrimitiveType();
                names.add(p.getName());
                types.add(p.getPrimitiveTypeName());
                optional.add(p.isRepetition(Type.Repetition.OPTIONAL));
                strings.add(LogicalTypeAnnotation.stringType().equals(p.getLogicalTypeAnnotation()));
            }
            List<Object[]> rows = new ArrayList<>();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema).getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group g = records.read();
                    Object[] row = new Object[names.size()];
                    for (int j = 0; j < row.length; j++) {
                        if (g.getFieldRepetitionCount(j) > 0) {
                            row[j] = switch (types.get(j)) {
                                case BOOLEAN -> g.getBoolean(j, 0);
                                case INT64 -> g.getLong(j, 0);
                                case DOUBLE -> g.getDouble(j, 0);
                                case BINARY -> g.getString(j, 0);
                                default -> throw new IllegalStateException("unexpected type " + types.get(j));
                            };
                        }
                    }
                    rows.add(row);
                }
            }
            return new Table(names, types, optional, strings, rows, meta.getKeyValueMetaData(), meta.getCreatedBy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file held in memory. */
    private record BytesInputFile(byte[] bytes) implements InputFile {
        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new DelegatingSeekableInputStream(new java.io.InputStream() {
                @Override
                public int read() {
                    return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (!buffer.hasRemaining()) {
                        return len == 0 ? 0 : -1;
                    }
                    int n = Math.min(len, buffer.remaining());
                    buffer.get(b, off, n);
                    return n;
                }
            }) {
                @Override
                public long getPos() {
                    return buffer.position();
                }

                @Override
                public void seek(long newPos) {
                    buffer.position(Math.toIntExact(newPos));
                }
            };
        }
    }
}
