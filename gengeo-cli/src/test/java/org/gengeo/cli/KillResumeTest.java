package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL at an arbitrary moment resumes to bit-identical weights
 * and an identical metrics log: checkpoints are atomic and metrics written after the last
 * checkpoint are dropped on resume.
 */
class KillResumeTest {
    @TempDir
    Path tmp;

    private static List<String> args(Path out) {
        return List.of("train", "--data", "gaussians", "--train-size", "2000", "--test-size", "200", "--model", "mlp:20-16-10",
                "--epochs", "60", "--log-every", "25", "--dropout", "0.1", "--seed", "3", "--threads", "1", "--out", out.toString());
    }

    @Test
    void killedProcessResumesToTheSameResult() throws Exception {
        Path full = tmp.resolve("full");
        assertEquals(0, CliTest.run(args(full).toArray(new String[0])).code());

        Path killed = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args(killed));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path metrics = killed.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline
                && (!Files.exists(metrics) || Files.readAllLines(metrics).size() < 8)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the child finished before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        p.destroyForcibly();
        assertNotEquals(0, p.waitFor());

        CliTest.Result resumed = CliTest.run("train", "--resume", killed.toString());
        assertEquals(0, resumed.code(), resumed.err());
        var a = Safetensors.read(full.resolve("model.safetensors")).tensors();
        var b = Safetensors.read(killed.resolve("model.safetensors")).tensors();
        for (String k : a.keySet()) {
            TensorData x = a.get(k);
            assertArrayEquals(x.data(), b.get(k).data(), k);
        }
        List<String> la = Files.readAllLines(full.resolve("metrics.jsonl"));
        List<String> lb = Files.readAllLines(metrics);
        assertEquals(la.size(), lb.size());
        for (int i = 0; i < la.size(); i++) {
            assertEquals(la.get(i).replaceAll("\"wall_s\":[^,}]*", ""), lb.get(i).replaceAll("\"wall_s\":[^,}]*", ""), "line " + i);
        }
    }
}
