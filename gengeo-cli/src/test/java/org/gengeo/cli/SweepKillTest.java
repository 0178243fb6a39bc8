package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gengeo.sweep.ParquetReaderForTests;
import org.gengeo.sweep.ResultsParquet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose process (and with it its worker processes) is killed with SIGKILL twice, at two
 * moments (once after the first model finished, once shortly after a restart, while models train),
 * then run to the end, gives exactly the table of an uninterrupted sweep: same rows, same values,
 * none lost or doubled, in results.csv and in results.parquet. The moments are real but not
 * exhaustive; SweepRunnerTest covers each intermediate state a kill can leave one model in. Tagged
 * slow: it starts about ten JVMs (a minute).
 * A failing run keeps its temporary directory. (It used to fail about one run in three: the
 * reference run, not the killed one, had a model diverge, because a garbage collection between a
 * dropout forward pass and its backward pass freed a constant the graph still used; see ConstantOps.)
 */
@Tag("slow")
class SweepKillTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    static final String SWEEP = """
            name: kill
            base: {data: gaussians, train-size: 1000, test-size: 200, model: "mlp:20-32-10", epochs: 8, batch: 25, dropout: 0.1}
            grid: {lr: [0.01, 0.05], seed: [1, 2]}
            measures: [frobenius-norm, path-norm, dist-init, powerlaw-alpha]
            """;

    private Process start(Path file, Path out, int round) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", file.toString(), "--out", out.toString(), "--workers", "2", "--threads", "1"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("parent" + round + ".log").toFile()).start();
    }

    private static long rows(Path out) throws Exception {
        if (!Files.isDirectory(out.resolve("runs"))) {
            return 0;
        }
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            return s.filter(d -> Files.exists(d.resolve("row.json"))).count();
        }
    }

    /** SIGKILL the sweep and wait until its workers, which watch their parent, have stopped too. */
    private static void kill(Process p) throws Exception {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        p.waitFor();
        for (ProcessHandle c : children) {
            c.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** Each run's metrics line count and run.json message, for a failure message. */
    private static String describe(Path out) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                b.append(d.getFileName()).append(": ").append(Files.readAllLines(d.resolve("metrics.jsonl")).size()).append(" lines, ")
                        .append(Files.readString(d.resolve("run.json")).replaceAll("(?s).*\"message\" : (\"[^\"]*\").*", "$1")).append("; ");
            }
        }
        return b.toString();
    }

    @Test
    void killedSweepEndsWithTheTableOfAnUninterruptedOne() throws Exception {
        Path file = tmp.resolve("kill.yaml");
        Files.writeString(file, SWEEP);
        Path ref = tmp.resolve("ref");
        CliTest.Result r = CliTest.run("sweep", file.toString(), "--out", ref.toString(), "--workers", "1", "--threads", "1");
        assertEquals(0, r.code(), r.err());

        Path out = tmp.resolve("killed");
        Process p = start(file, out, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && rows(out) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "finished before the first kill: " + Files.readString(tmp.resolve("parent1.log")));
        kill(p);
        long afterFirst = rows(out);
        assertTrue(afterFirst >= 1 && afterFirst < 4, "rows after the first kill: " + afterFirst);

        p = start(file, out, 2);
        Thread.sleep(2000);
        assertTrue(p.isAlive(), "finished before the second kill: " + Files.readString(tmp.resolve("parent2.log")));
        kill(p);

        CliTest.Result end = CliTest.run("sweep", file.toString(), "--out", out.toString(), "--workers", "2", "--threads", "1");
        assertEquals(0, end.code(), end.err() + end.out());
        List<String> expected = Files.readAllLines(ref.resolve("results.csv"));
        List<String> got = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(5, expected.size());
        assertTrue(expected.stream().noneMatch(l -> l.contains(",diverged,")), "reference runs: " + describe(ref));
        assertEquals(expected, got, "reference runs: " + describe(ref) + "killed runs: " + describe(out));
        List<Object[]> expectedRows = parquetRows(ref);
        List<Object[]> gotRows = parquetRows(out);
        assertEquals(4, expectedRows.size());
        assertEquals(expectedRows.size(), gotRows.size());
        for (int i = 0; i < expectedRows.size(); i++) {
            assertArrayEquals(expectedRows.get(i), gotRows.get(i), "results.parquet row " + i);
        }
    }

    private static List<Object[]> parquetRows(Path sweep) throws Exception {
        Path part = sweep.resolve(ResultsParquet.NAME).resolve(ResultsParquet.PART);
        return ParquetReaderForTests.read(Files.readAllBytes(part)).rows();
    }
}
