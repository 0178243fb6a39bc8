package org.gengeo.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gengeo.rank.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep mixing MLPs and CNNs: a measure that does not apply to a model (path-norm on a CNN) is an empty cell, not a failure. */
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
        assertTrue(Files.isRegularFile(out.resolve("results.csv")));
    }
}
