package org.gengeo.core.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A table written as RFC 4180 CSV (comma-separated, fields with commas, quotes or line breaks quoted,
 * quotes doubled), so pandas, R and spreadsheets read it as is. Numbers are written with Java's
 * shortest round-tripping form; NaN and infinities as {@code NaN}, {@code inf}, {@code -inf}, the
 * spellings pandas reads.
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column names. */
    public CsvTable(String... header) {
        this.header = List.of(header);
    }

    /** Appends a row: one value per column; numbers, strings, booleans or null (an empty field). */
    public CsvTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for " + header.size() + " columns");
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(format(v));
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
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        for (List<String> row : rows) {
            line(sb, row);
        }
        return sb.toString();
    }

    /** Writes the table atomically. */
    public void write(java.nio.file.Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        sb.append('\n');
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

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
