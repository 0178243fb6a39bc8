package org.gengeo.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.io.CsvTable;
import org.gengeo.core.io.Json;

/**
 * {@code results.csv}: one row per finished model, in the plan's order, rebuilt from the models'
 * {@code row.json} files each time (atomically). Because the table is a function of those files and
 * each file appears once and whole, an interrupted sweep can neither lose nor duplicate a row. The
 * columns are {@link ResultsSchema}'s; a measure missing from a model's row (not yet computed) is an
 * empty field, which pandas and {@code gengeo rank} read as NaN and Parquet holds as null.
 */
public final class ResultsTable {
    /** The table's file name in a sweep directory. */
    public static final String FILE = "results.csv";
    /** The fixed columns after the config columns. */
    public static final List<String> OUTCOME_COLUMNS = List.of("outcome", "steps", "train_loss", "train_acc", "test_loss", "test_acc",
            "gap_acc", "gap_loss");

    private ResultsTable() {}

    /** The finished rows of {@code plan} under {@code out}. */
    public static List<SweepRow> rows(SweepPlan plan, Path out) {
        List<SweepRow> rows = new ArrayList<>();
        for (SweepConfig c : plan.configs()) {
            Path f = SweepRunner.rowFile(out, c.id());
            if (Files.isRegularFile(f)) {
                rows.add(Json.read(f, SweepRow.class));
            }
        }
        return rows;
    }

    /** Writes {@code out/results.csv} from {@code rows} (the finished rows, {@link #rows}); returns their number. */
    public static int write(SweepPlan plan, List<SweepRow> rows, Path out) {
        List<ParquetTable.Column> columns = ResultsSchema.columns(plan, rows);
        CsvTable table = new CsvTable(columns.stream().map(ParquetTable.Column::name).toArray(String[]::new));
        for (SweepRow r : rows) {
            table.row(ResultsSchema.values(plan, columns, r));
        }
        table.write(out.resolve(FILE));
        return table.size();
    }
}
