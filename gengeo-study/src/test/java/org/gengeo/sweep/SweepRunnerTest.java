package org.gengeo.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.train.RunDirectory;
import org.gengeo.core.io.Json;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.measures.registry.MeasuresRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's table, and the same table after each state an interruption can leave a model in
 * (simulated here by removing what a kill would not yet have written; the CLI test kills a real
 * process): killed before the first checkpoint, killed while training (run.json says running), killed
 * between measures, killed before row.json, killed before results.csv.
 */
class SweepRunnerTest {
    static final String SWEEP = """
            name: tiny
            base: {data: gaussians, train-size: 120, test-size: 60, model: "mlp:20-8-10", epochs: 2, batch: 30}
            grid: {lr: [0.02, 0.2], seed: [1, 2]}
            measures: [frobenius-norm, dist-init, stable-rank]
            """;

    static List<String> run(SweepPlan plan, Path out) {
        List<String> log = new ArrayList<>();
        SweepRunner.Outcome o = SweepRunner.run(plan, out, 2, SweepRunner.inProcess(plan, out, 1, "test"), "test", log::add);
        assertEquals(o.total(), o.finished(), log.toString());
        return log;
    }

    @Test
    void interruptedSweepEndsWithTheSameTable(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlan.parse("tiny.yaml", SWEEP);
        Path out = tmp.resolve("s");
        run(plan, out);
        String table = Files.readString(out.resolve("results.csv"));
        assertEquals(5, table.lines().count(), table);
        assertTrue(table.startsWith("id,data,train-size,test-size,model,epochs,batch,lr,seed,outcome,steps,train_loss,train_acc,"
                + "test_loss,test_acc,gap_acc,gap_loss,frobenius-norm,dist-init,stable-rank\n"), table);

        List<String> ids = plan.configs().stream().map(SweepConfig::id).toList();
        Path a = SweepRunner.runDir(out, ids.get(0));
        Files.delete(a.resolve("checkpoint.safetensors"));          // killed before the first checkpoint
        Files.delete(a.resolve("model.safetensors"));
        Files.delete(a.resolve("run.json"));
        Files.delete(a.resolve("row.json"));
        Path b = SweepRunner.runDir(out, ids.get(1));                // killed while training: run.json still says running
        String runJson = Files.readString(b.resolve("run.json"));
        Files.writeString(b.resolve("run.json"), runJson.replaceFirst("\"outcome\" : \"[a-z-]+\"", "\"outcome\" : \"running\""));
        Files.delete(b.resolve("row.json"));
        Path c = SweepRunner.runDir(out, ids.get(2));                // killed between two measures
        MeasuresRecord m = MeasureRunner.read(RunDirectory.open(c));
        m.measures().remove("stable-rank");
        RunDirectory.open(c).write(RunArtifacts.MEASURES, m);
        Files.delete(c.resolve("row.json"));
        Files.delete(out.resolve("results.csv"));                    // killed before the table was rebuilt

        List<String> log = run(plan, out);
        assertEquals(table, Files.readString(out.resolve("results.csv")));
        assertEquals(3, log.stream().filter(l -> l.contains(" done ") && !l.contains("already")).count(), log.toString());
        assertEquals(1, log.stream().filter(l -> l.contains("already done")).count(), log.toString());
        assertEquals(table, Files.readString(out.resolve("results.csv")), "idempotent");
    }
}
