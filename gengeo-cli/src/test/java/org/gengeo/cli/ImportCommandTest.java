package org.gengeo.cli;

import static org.gengeo.cli.CliTest.assertOneLineError;
import static org.gengeo.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gengeo import} of the committed TorchScript CNN fixture, then commands on the run directory
 * (loss and top eigenvalue as PyTorch computed them: make_script_fixtures.py), and the refusals.
 */
class ImportCommandTest {
    @TempDir
    Path tmp;

    static String fixture(String name) throws Exception {
        return Path.of(ImportCommandTest.class.getResource("/org/gengeo/core/script/" + name).toURI()).toString();
    }

    @Test
    void anImportedModuleIsARunDirectoryThatCommandsRead() throws Exception {
        String pair = fixture("cnn_x.npy") + "," + fixture("cnn_y.npy");
        Path dir = tmp.resolve("run");
        CliTest.Result imported = run("import", fixture("cnn.pt"), "--train", pair, "--test", pair, "--out", dir.toString(), "--threads", "1");
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("train: loss 1.205239"), imported.out());
        CliTest.Result eval = run("eval", dir.toString(), "--threads", "1");
        assertTrue(eval.out().contains("test:  loss 1.205239"), eval.out());
        CliTest.Result hessian = run("hessian", dir.toString(), "--top", "1", "--threads", "1");
        assertEquals(0, hessian.code(), hessian.err());
        assertTrue(hessian.out().contains("0.89021"), hessian.out());
        CliTest.Result margins = run("margins", dir.toString(), "--threads", "1");
        assertEquals(0, margins.code(), margins.err());
        assertTrue(margins.out().contains("normalisation: none"), margins.out());
        assertOneLineError(run("hessian", dir.toString(), "--top", "1", "--dtype", "float64", "--threads", "1"), 2, "keeps its own precision");
    }

    @Test
    void aTorchSaveCheckpointIsRefusedAndNothingIsWritten() throws Exception {
        String pair = fixture("cnn_x.npy") + "," + fixture("cnn_y.npy");
        Path dir = tmp.resolve("run");
        assertOneLineError(run("import", fixture("checkpoint.pth"), "--train", pair, "--test", pair, "--out", dir.toString(), "--threads", "1"), 2,
                "torch.jit.save");
        assertFalse(Files.exists(dir));
        assertOneLineError(run("import", fixture("seq_mlp.safetensors"), "--train", pair, "--test", pair, "--out", dir.toString(), "--threads", "1"), 2,
                "--arch");
    }

    /** import takes train's data flags (one mixin owns them) and records only those given. */
    @Test
    void importTakesTrainsDataFlagsAndRecordsOnlyThoseGiven() throws Exception {
        String pair = fixture("cnn_x.npy") + "," + fixture("cnn_y.npy");
        Path dir = tmp.resolve("run");
        CliTest.Result imported = run("import", fixture("cnn.pt"), "--train", pair, "--test", pair, "--train-size", "12", "--label-noise", "0.25",
                "--data-seed", "3", "--out", dir.toString(), "--threads", "1");
        assertEquals(0, imported.code(), imported.err());
        var config = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertEquals(12, config.get("train-size").asInt());
        assertEquals(0.25, config.get("label-noise").asDouble());
        assertEquals(3, config.get("data-seed").asLong());
        assertEquals("files", config.get("data").asText());
        assertTrue(Path.of(config.get("train").asText().split(",")[0]).isAbsolute(), config.toString());
        assertFalse(config.has("attack") || config.has("standardize") || config.has("test-size"), "only the flags given: " + config);
        assertTrue(imported.out().contains("test:  loss 1.205239"), "the test set is the whole file, as PyTorch scored it: " + imported.out());
        assertFalse(imported.out().contains("train: loss 1.205239"), "the training set is a noisy subset: " + imported.out());
    }

    /** model-file is a sweep key like any other: each level is a TorchScript module, trained and measured. */
    @Test
    void aSweepOverModelFilesTrainsEachModule() throws Exception {
        Files.copy(Path.of(fixture("cnn.pt")), tmp.resolve("a.pt"));
        Files.copy(Path.of(fixture("cnn.pt")), tmp.resolve("b.pt"));
        String pair = fixture("cnn_x.npy") + "," + fixture("cnn_y.npy");
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, "name: modules\n"
                + "base: {train: \"" + pair + "\", test: \"" + pair + "\", epochs: 2, batch: 8, opt: sgd, lr: 0.1}\n"
                + "grid: {model-file: [\"" + tmp.resolve("a.pt") + "\", \"" + tmp.resolve("b.pt") + "\"], momentum: [0, 0.9]}\n"
                + "measures: [frobenius-norm]\n");
        CliTest.Result s = run("sweep", file.toString(), "--out", tmp.resolve("o").toString(), "--workers", "1", "--threads", "1");
        assertEquals(0, s.code(), s.err());
        org.gengeo.rank.CsvFile table = org.gengeo.rank.CsvFile.read(tmp.resolve("o/results.csv"));
        assertEquals(4, table.rows().size(), table.toString());
        int moduleAt = table.column("model-file", "results.csv");
        int outcomeAt = table.column("outcome", "results.csv");
        int normAt = table.column("frobenius-norm", "results.csv");
        for (List<String> row : table.rows()) {
            assertEquals("completed", row.get(outcomeAt), row.toString());
            assertTrue(row.get(moduleAt).endsWith("a.pt") || row.get(moduleAt).endsWith("b.pt"), row.toString());
            assertTrue(Double.parseDouble(row.get(normAt)) > 0, row.toString());
        }
        CliTest.Result ranked = run("rank", tmp.resolve("o/results.csv").toString());
        assertEquals(0, ranked.code(), ranked.err());
        assertTrue(ranked.out().contains("factors model-file, momentum"), ranked.out());
    }
}
