package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end: exit codes, one-line errors, and the files each command writes. */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static void assertOneLineError(Result r, int code, String fragment) {
        assertEquals(code, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("gengeo: error: "), err);
        assertFalse(err.contains("\n"), "not one line: " + err);
        assertTrue(err.contains(fragment), err);
    }

    static String[] smallRun(Path out, String... extra) {
        String[] base = {"train", "--data", "gaussians", "--train-size", "200", "--test-size", "100", "--model", "mlp:20-8-10",
            "--epochs", "2", "--threads", "1", "--out", out.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void trainEvalAndInfoWork() throws Exception {
        Path run = tmp.resolve("run");
        Path json = tmp.resolve("train.json");
        Result t = run(smallRun(run, "--json", json.toString()));
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("completed"), t.out());
        assertTrue(Files.readString(json).contains("\"outcome\" : \"completed\""));
        assertTrue(Files.readString(json).contains("\"command\" : \"gengeo train --data gaussians --train-size 200"), "provenance names the command as typed");
        assertFalse(Files.exists(run.resolve("learning-times.html")));
        Path timed = tmp.resolve("timed");
        assertEquals(0, run(smallRun(timed, "--learning-times")).code());
        assertTrue(Files.readString(timed.resolve("learning-times.html")).contains("<svg"));
        assertTrue(Files.readString(timed.resolve("learning-times.json")).contains("first_correct"));
        Result e = run("eval", run.toString(), "--threads", "1", "--json", tmp.resolve("eval.json").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("test:  loss"), e.out());
        assertTrue(Files.readString(tmp.resolve("eval.json")).contains("\"accuracy\""));
        Result i = run("info", run.toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("mlp:20-8-10"), i.out());
        assertTrue(i.out().contains("parameters:  258"), i.out());
    }

    @Test
    void badFlagsAreOneLineErrorsWithExitCode2() {
        assertOneLineError(run(smallRun(tmp.resolve("a"), "--batch", "0")), 2, "--batch must be at least 1");
        assertOneLineError(run(smallRun(tmp.resolve("b"), "--lr", "-1")), 2, "--lr");
        assertOneLineError(run("train", "--no-such-flag"), 2, "--no-such-flag");
        assertOneLineError(run("train", "--batch", "many"), 2, "many");
        assertOneLineError(run("train", "--data", "gaussians"), 2, "--out");
        assertOneLineError(run(smallRun(tmp.resolve("c"), "--model", "mlp:784-10")), 2, "takes 784 inputs");
        assertOneLineError(run(smallRun(tmp.resolve("d"), "--opt", "lbfgs")), 2, "unknown optimiser 'lbfgs'");
        assertOneLineError(run(smallRun(tmp.resolve("e"), "--data", "imagenet")), 2, "imagenet");
        assertOneLineError(run(smallRun(tmp.resolve("f"), "--augment", "crop")), 2, "--augment: 'crop' is not cropP");
        assertOneLineError(run(smallRun(tmp.resolve("g"), "--augment", "flip")), 2, "--augment flip needs images [C, H, W]");
        assertOneLineError(run(smallRun(tmp.resolve("h"), "--normalize", "0.5")), 2, "--normalize must be 'channel' or MEAN");
        assertOneLineError(run(smallRun(tmp.resolve("i"), "--weight-decay-exclude", "weights")), 2, "--weight-decay-exclude takes bn");
        assertOneLineError(run("eval", tmp.resolve("missing").toString(), "--threads", "1"), 2, "no such run directory");
        assertFalse(Files.exists(tmp.resolve("a").resolve("model.safetensors")));
    }

    @Test
    void malformedModelFileIsAOneLineError() throws Exception {
        Path bad = tmp.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        assertOneLineError(run("info", bad.toString()), 2, "bad.safetensors");
    }

    /** CIFAR-100's train.bin / test.bin with the recipe's flags, end to end; the flags land in config.json. */
    @Test
    void cifar100WithTheRecipeFlagsTrains() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("cifar-100-binary"));
        int rec = 2 + 3072;
        byte[] train = new byte[40 * rec];
        for (int r = 0; r < 40; r++) {
            train[r * rec] = (byte) (r % 20);
            train[r * rec + 1] = (byte) (r % 100);
            for (int p = 0; p < 3072; p++) {
                train[r * rec + 2 + p] = (byte) ((r * 7 + p) % 256);
            }
        }
        Files.write(data.resolve("train.bin"), train);
        Files.write(data.resolve("test.bin"), java.util.Arrays.copyOf(train, 10 * rec));
        Path out = tmp.resolve("c100");
        Result r = run("train", "--data", "cifar100", "--data-dir", tmp.toString(), "--model", "cnn:3x32x32-c4k3p1-m8-100:bn",
                "--augment", "crop4,flip", "--normalize", "channel", "--opt", "sgd", "--lr", "0.1", "--momentum", "0.9",
                "--weight-decay", "5e-4", "--weight-decay-exclude", "bn,bias", "--schedule", "cosine", "--batch", "16",
                "--epochs", "1", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String config = Files.readString(out.resolve("config.json"));
        for (String kv : new String[] {"\"augment\" : \"crop4,flip\"", "\"normalize\" : \"channel\"",
            "\"weight-decay-exclude\" : \"bn,bias\"", "\"data\" : \"cifar100\""}) {
            assertTrue(config.contains(kv), kv + " not in " + config);
        }
        assertTrue(Files.readString(out.resolve("data.json")).contains("\"normalization\""));
    }

    @Test
    void corruptDataFileIsAOneLineErrorAndLeavesNoModel() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            Files.write(data.resolve(f), new byte[] {0, 0, 8, 3, 0, 0, 0, 5});
        }
        Path out = tmp.resolve("corrupt");
        Result r = run("train", "--data", "mnist", "--data-dir", data.toString(), "--threads", "1", "--out", out.toString());
        assertOneLineError(r, 2, "train-images-idx3-ubyte: truncated file");
        assertFalse(Files.exists(out.resolve("model.safetensors")));
    }

    @Test
    void divergenceExitsWith3AndKeepsTheModel() {
        Path run = tmp.resolve("div");
        Result r = run(smallRun(run, "--lr", "1e9"));
        assertOneLineError(r, 3, "diverged");
        assertTrue(Files.exists(run.resolve("model.safetensors")));
    }

    @Test
    void resumeOfAFinishedRunChangesNothing() throws Exception {
        Path run = tmp.resolve("r");
        assertEquals(0, run(smallRun(run)).code());
        byte[] before = Files.readAllBytes(run.resolve("model.safetensors"));
        Result r = run("train", "--resume", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(run.resolve("model.safetensors"))));
    }
}
