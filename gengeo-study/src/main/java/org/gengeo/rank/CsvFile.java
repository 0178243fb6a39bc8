package org.gengeo.rank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.GengeoException;

/** An RFC 4180 CSV file read back (the format {@code CsvTable} writes): a header and rows of strings. */
public record CsvFile(List<String> header, List<List<String>> rows) {
    /** Reads {@code file}; a row with the wrong number of fields or an unclosed quote is an error naming its line. */
    public static CsvFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GengeoException(file + ": cannot read: " + e.getMessage());
        }
        List<List<String>> records = parse(text, file.toString());
        if (records.isEmpty()) {
            throw new GengeoException(file + ": empty CSV file (no header)");
        }
        List<String> header = records.get(0);
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).size() != header.size()) {
                throw new GengeoException(file + ": record " + (i + 1) + " has " + records.get(i).size() + " fields, the header "
                        + header.size());
            }
        }
        return new CsvFile(header, records.subList(1, records.size()));
    }

    /** The column's index; an absent column is an error. */
    public int column(String name, String source) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new GengeoException(source + ": no column '" + name + "'");
        }
        return i;
    }

    private static List<List<String>> parse(String text, String source) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    out.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new GengeoException(source + ": unclosed quote in the last record");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }
}
