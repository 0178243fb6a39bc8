package org.gengeo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine} and {@code --master} mistakes, and the Spark engine asked for without gengeo-spark on the class path. */
class SweepEngineOptionTest {
    @Test
    void badEngineOptionsAreOneLineErrors(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, "name: s\nbase: {data: gaussians, train-size: 50, model: \"mlp:20-4-10\", epochs: 1}\nmeasures: [frobenius-norm]\n");
        String out = tmp.resolve("out").toString();
        CliTest.assertOneLineError(CliTest.run("sweep", file.toString(), "--out", out, "--engine", "flink"), 2, "--engine must be local or spark");
        CliTest.assertOneLineError(CliTest.run("sweep", file.toString(), "--out", out, "--master", "local[2]"), 2, "--master is for --engine spark");
        CliTest.assertOneLineError(CliTest.run("sweep", file.toString(), "--out", out, "--engine", "spark"), 2, "gengeo-spark");
    }
}
