package org.gengeo.core.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.GengeoException;

/**
 * A table as RFC 4180 CSV (comma-separated, fields with commas, quotes or line breaks quoted,
 * quotes doubled), so pandas, R and spreadsheets read it as is; gengeo's one CSV codec, written and
 * parsed by Jackson's CSV module (jackson-dataformat-csv, the Jackson gengeo already uses). Numbers
 * are written with Java's shortest round-tripping form; NaN and infinities as {@code NaN},
 * {@code inf}, {@code -inf}, the spellings pandas reads; null as an empty field.
 */
public final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\n");

    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();

    /** A table with these column names. */
    public CsvTable(String... header) {
        this.header = List.of(header);
    }

    /** Appends a row: one value per column; numbers, strings, booleans or null (an empty field). */
    public CsvTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for " + header.size() + " columns");
        }
        String[] row = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = format(values[i]);
        }
        rows.add(row);
        return this;
    }

    /** Rows so far. */
    public int size() {
        return rows.size();
    }

    /** The CSV text, header first, lines ending in \n. */
    public String toCsv() {
        StringWriter text = new StringWriter();
        try (SequenceWriter w = MAPPER.writer(SCHEMA).writeValues(text)) {
            w.write(header.toArray(new String[0]));
            for (String[] row : rows) {
                w.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes the table atomically. */
    public void write(java.nio.file.Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    /**
     * The records of CSV {@code text} (the header is the first), each a list of its fields; empty lines
     * are skipped. Malformed text (an unclosed quote) is a one-line error naming {@code source} and the line.
     */
    public static List<List<String>> parse(String text, String source) {
        List<List<String>> out = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class).with(SCHEMA).readValues(text)) {
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\\R")[0];
            throw new GengeoException(source + ": not valid CSV: " + msg);
        }
        return out;
    }

    private static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            return v instanceof Float ? Float.toString((Float) v) : Double.toString(d);
        }
        return String.valueOf(v);
    }
}
