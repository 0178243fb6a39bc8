package org.gengeo.cli;

import static org.gengeo.cli.CliTest.assertOneLineError;
import static org.gengeo.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failures issue 18 found, each from the command line: a one-line error and the same exit code for the same cause. */
class BadInputCliTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainOnce() {
        run = tmp.resolve("run");
        CliTest.Result r = run("train", "--data", "gaussians", "--train-size", "100", "--test-size", "50", "--model", "mlp:20-8-10",
                "--epochs", "1", "--threads", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** A copy of the run whose model.safetensors has every weight of its first layer set to {@code value}. */
    private static Path withWeights(String name, float value) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve(name));
        for (String f : new String[] {"config.json", "run.json", "data.json", "metrics.jsonl"}) {
            Files.copy(run.resolve(f), copy.resolve(f));
        }
        SafetensorsFile model = Safetensors.read(run.resolve("model.safetensors"));
        Map<String, TensorData> tensors = new LinkedHashMap<>(model.tensors());
        float[] v = new float[(int) tensors.get("fc0.weight").elementCount()];
        Arrays.fill(v, value);
        tensors.put("fc0.weight", TensorData.ofFloats(tensors.get("fc0.weight").shape(), v));
        float[] big = new float[80];
        Arrays.fill(big, 0, 8, value); // the first output's row: its logit differs from the others'
        tensors.put("fc1.weight", TensorData.ofFloats(tensors.get("fc1.weight").shape(), big));
        Safetensors.write(copy.resolve("model.safetensors"), tensors, model.metadata());
        return copy;
    }

    @Test
    void evalRefusesModelsWithoutARealLoss() throws Exception {
        assertOneLineError(run("eval", withWeights("nan", Float.NaN).toString(), "--threads", "1"), 2, "holds NaN at flat index 0");
        assertOneLineError(run("eval", withWeights("inf", Float.POSITIVE_INFINITY).toString(), "--threads", "1"), 2, "holds Infinity");
        assertOneLineError(run("eval", withWeights("huge", 1e38f).toString(), "--threads", "1"), 2, "beyond the largest usable weight");
        // within the bound, but sums of products of 1e19 weights overflow float32 logits
        assertOneLineError(run("eval", withWeights("overflow", 1e19f).toString(), "--threads", "1"), 2,
                "(the model's outputs overflow), so there is no loss or accuracy to report");
    }

    @Test
    void resumeRefusesSettingsItWouldIgnore() throws Exception {
        byte[] before = Files.readAllBytes(run.resolve("run.json"));
        assertOneLineError(run("train", "--resume", run.toString(), "--lr", "0.5", "--epochs", "3"), 2,
                "--lr, --epochs cannot be changed on resume");
        assertArrayEquals(before, Files.readAllBytes(run.resolve("run.json")));
    }

    @Test
    void anOutputPathUnderARegularFileIsTheSameErrorWhicheverFlagNamesIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        CliTest.Result out = run("train", "--data", "gaussians", "--train-size", "50", "--test-size", "20", "--model", "mlp:20-4-10",
                "--epochs", "1", "--threads", "1", "--out", file.resolve("run").toString());
        assertOneLineError(out, 2, file + " is a file, not a directory");
        CliTest.Result json = run("eval", run.toString(), "--threads", "1", "--json", file.resolve("sub").resolve("eval.json").toString());
        assertOneLineError(json, 2, file + " is a file, not a directory");
    }
}
