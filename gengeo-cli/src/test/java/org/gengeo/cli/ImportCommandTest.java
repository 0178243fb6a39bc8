package org.gengeo.cli;

import static org.gengeo.cli.CliTest.assertOneLineError;
import static org.gengeo.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
