package org.gengeo.rank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.CsvTable;

/** An RFC 4180 CSV file read back by {@link CsvTable#parse} (the format {@code CsvTable} writes): a header and rows of strings. */
public record CsvFile(List<String> header, List<List<String>> rows) {
    /** Reads {@code file}; a row with the wrong number of fields or an unclosed quote is an error naming its line. */
    public static CsvFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GengeoException(file + ": cannot read: " + e.getMessage());
        }
        List<List<String>> records = CsvTable.parse(text, file.toString());
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
}
