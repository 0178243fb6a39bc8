package org.gengeo.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.train.RunDirectory;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.rank.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns that not every model fills: a measure that does not apply to a model (path-norm on a CNN) is
 * an empty cell, not a failure, and the model counts as finished; a measure whose details are features
 * (the margin signature) gets one column per detail, and a shallower model leaves its deeper layers' empty.
 */
class SweepApplicabilityTest {
    @Test
    void aMeasureThatDoesNotApplyIsLeftEmpty(@TempDir Path tmp) {
        SweepPlan plan = SweepPlan.parse("mixed.yaml", """
                name: mixed
                base: {data: gaussians, train-size: 60, test-size: 30, epochs: 1, batch: 30}
                grid: {model: ["mlp:20-8-10", "cnn:1x4x5-c2k3p1-10"]}
                measures: [path-norm, frobenius-norm]
                """);
        Path out = tmp.resolve("s");
        SweepRunner.Outcome o = SweepRunner.run(plan, out, 1, SweepRunner.inProcess(plan, out, 1, "test"), "test", line -> { });
        assertEquals(2, o.finished());
        CsvFile table = CsvFile.read(out.resolve("results.csv"));
        int model = table.header().indexOf("model");
        int path = table.header().indexOf("path-norm");
        int frobenius = table.header().indexOf("frobenius-norm");
        for (List<String> row : table.rows()) {
            boolean cnn = row.get(model).startsWith("cnn");
            assertEquals(cnn, row.get(path).equals("NaN") || row.get(path).isEmpty(), "path-norm of " + row.get(model) + ": " + row.get(path));
            assertTrue(Double.isFinite(Double.parseDouble(row.get(frobenius))), row.toString());
        }
        List<String> again = new java.util.ArrayList<>();
        SweepRunner.run(plan, out, 1, SweepRunner.inProcess(plan, out, 1, "test"), "test", again::add);
        assertEquals(2, again.stream().filter(l -> l.contains("already done")).count(), again.toString());
    }

    @Test
    void signatureDetailsBecomeColumns(@TempDir Path tmp) {
        SweepPlan plan = SweepPlan.parse("deep.yaml", """
                name: deep
                base: {data: gaussians, train-size: 60, test-size: 30, epochs: 1, batch: 30}
                grid: {model: ["mlp:20-8-10", "mlp:20-8-8-10"]}
                measures: [margin-signature]
                """);
        Path out = tmp.resolve("s");
        SweepRunner.run(plan, out, 1, SweepRunner.inProcess(plan, out, 1, "test"), "test", line -> { });
        // a measures.json entry the registry does not know (another gengeo version's) does not stop a model's row
        Path run = SweepRunner.runDir(out, plan.configs().get(0).id());
        MeasuresRecord measures = MeasureRunner.read(RunDirectory.open(run));
        measures.measures().put("retired-measure", measures.measures().get("margin-signature"));
        RunDirectory.open(run).write(RunArtifacts.MEASURES, measures);
        SweepRunner.rowFile(out, plan.configs().get(0).id()).toFile().delete();
        SweepRunner.run(plan, out, 1, SweepRunner.inProcess(plan, out, 1, "test"), "test", line -> { });
        CsvFile table = CsvFile.read(out.resolve("results.csv"));
        List<String> header = table.header();
        assertEquals(2, table.rows().size());
        int q1Last = header.indexOf("margin-signature/fc2.log_q1");
        assertTrue(header.indexOf("margin-signature") >= 0 && header.indexOf("margin-signature/fc0.log_median") > header.indexOf("margin-signature")
                && q1Last > 0, header.toString());
        for (List<String> row : table.rows()) {
            boolean deep = row.get(header.indexOf("model")).equals("mlp:20-8-8-10");
            assertEquals(!deep, row.get(q1Last).isEmpty(), "fc2 exists only in the deeper model: " + row);
            assertTrue(Double.isFinite(Double.parseDouble(row.get(header.indexOf("margin-signature/fc0.log_median")))), row.toString());
        }
        assertTrue(header.contains("margin-signature/fc1.log_upper_fence"), header.toString());
        assertEquals(header.size(), ResultsSchema.columns(plan, ResultsTable.rows(plan, out)).size(), "the Parquet table has the same columns");
    }
}
