package org.gengeo.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.gengeo.sweep.ParquetTable.Column;
import org.gengeo.sweep.ParquetTable.Type;
import org.gengeo.measures.registry.Measure;

/**
 * The columns of a sweep's results table, the same in {@code results.csv} and in both engines'
 * {@code results.parquet}: {@code id}, the config columns, {@link ResultsTable#OUTCOME_COLUMNS}, then
 * one per measure. Types: id and outcome strings, steps INT64, losses, accuracies and gaps DOUBLE (these
 * are never null); a config column is BOOLEAN if every value in the plan is a boolean, INT64 if every
 * value is an integer, DOUBLE if every value is a number, else STRING, and may be null; a measure is a
 * DOUBLE that is null where the model's row lacks it (not yet computed, or not applicable to the model),
 * NaN where it was computed as NaN. A measure whose details are features
 * ({@link Measure#detailsAreFeatures()}) adds one DOUBLE column per detail found in the rows,
 * {@code MEASURE/DETAIL}, after the measures (per measure in plan order, details in the order the rows
 * first show them), so models with different layer counts share the table.
 */
public final class ResultsSchema {
    private ResultsSchema() {}

    /** The column of detail {@code detail} of a measure whose details are features. */
    public static String featureColumn(String measure, String detail) {
        return measure + "/" + detail;
    }

    /** The columns of {@code plan}'s table holding {@code rows}. */
    public static List<Column> columns(SweepPlan plan, List<SweepRow> rows) {
        List<Column> out = new ArrayList<>();
        out.add(new Column("id", Type.STRING, false));
        for (String c : plan.columns()) {
            out.add(new Column(c, configType(plan, c), true));
        }
        for (String c : ResultsTable.OUTCOME_COLUMNS) {
            out.add(new Column(c, c.equals("outcome") ? Type.STRING : c.equals("steps") ? Type.INT64 : Type.DOUBLE, false));
        }
        for (Measure m : plan.measures()) {
            out.add(new Column(m.name(), Type.DOUBLE, true));
        }
        LinkedHashSet<String> features = new LinkedHashSet<>();
        for (Measure m : plan.measures()) {
            if (m.detailsAreFeatures()) {
                String prefix = featureColumn(m.name(), "");
                rows.forEach(r -> r.measures().keySet().stream().filter(k -> k.startsWith(prefix)).forEach(features::add));
            }
        }
        features.forEach(f -> out.add(new Column(f, Type.DOUBLE, true)));
        return out;
    }

    /** Row {@code r}'s values in the order of {@code columns} as the row holds them (config values as the sweep file gave them; null where absent). */
    public static Object[] values(SweepPlan plan, List<Column> columns, SweepRow r) {
        List<Object> v = new ArrayList<>();
        v.add(r.id());
        for (String c : plan.columns()) {
            v.add(r.factors().get(c));
        }
        v.addAll(List.of(r.outcome(), r.steps(), r.trainLoss(), r.trainAcc(), r.testLoss(), r.testAcc(), r.gapAcc(), r.gapLoss()));
        Map<String, Double> measures = r.measures();
        columns.subList(v.size(), columns.size()).forEach(c -> v.add(measures.get(c.name())));
        return v.toArray();
    }

    /** Row {@code r}'s cells in column order, as the column types hold them (Long, Double, Boolean, String or null). */
    public static Object[] cells(SweepPlan plan, List<Column> columns, SweepRow r) {
        Object[] cells = values(plan, columns, r);
        for (int j = 0; j < cells.length; j++) {
            cells[j] = typed(cells[j], columns.get(j).type());
        }
        return cells;
    }

    /** A Parquet table of {@code rows} with {@code plan}'s columns. */
    public static ParquetTable table(SweepPlan plan, List<SweepRow> rows) {
        List<Column> columns = columns(plan, rows);
        ParquetTable t = new ParquetTable(columns);
        rows.forEach(r -> t.row(cells(plan, columns, r)));
        return t;
    }

    private static Type configType(SweepPlan plan, String column) {
        boolean bool = true;
        boolean integral = true;
        boolean number = true;
        for (SweepConfig c : plan.configs()) {
            Object v = c.factors().get(column);
            if (v != null) {
                bool &= v instanceof Boolean;
                number &= v instanceof Number;
                integral &= v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
            }
        }
        return bool ? Type.BOOLEAN : integral ? Type.INT64 : number ? Type.DOUBLE : Type.STRING;
    }

    private static Object typed(Object v, Type t) {
        if (v == null) {
            return null;
        }
        return switch (t) {
            case INT64 -> ((Number) v).longValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case BOOLEAN -> v;
            case STRING -> String.valueOf(v);
        };
    }
}
