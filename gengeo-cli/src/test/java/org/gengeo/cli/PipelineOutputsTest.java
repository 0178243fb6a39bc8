package org.gengeo.cli;

import static org.gengeo.cli.CliTest.assertOneLineError;
import static org.gengeo.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.gengeo.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Outputs that fit into pipelines: --json -, train --config, --quiet and --verbose, progress lines on standard error. */
class PipelineOutputsTest {
    @TempDir
    Path tmp;

    private static String[] train(Path out, String... extra) {
        return CliTest.smallRun(out, extra);
    }

    /** Runs {@code body} with System.err captured (progress and the log write there, not to picocli's writer). */
    private static <T> T withStandardError(ByteArrayOutputStream into, Supplier<T> body) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(into, true, StandardCharsets.UTF_8));
        try {
            return body.get();
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void jsonDashWritesTheRecordAloneToStandardOutput() throws Exception {
        CliTest.Result r = run(train(tmp.resolve("a"), "--json", "-"));
        assertEquals(0, r.code(), r.err());
        JsonNode record = Json.MAPPER.readTree(r.out());
        assertEquals("completed", record.get("outcome").asText());
        assertTrue(r.err().contains("completed"), "the human summary moved to standard error: " + r.err());
        assertFalse(Files.exists(Path.of("-")), "no file called '-'");
        CliTest.Result e = run("eval", tmp.resolve("a").toString(), "--threads", "1", "--json", "-");
        assertEquals(0, e.code(), e.err());
        assertTrue(Json.MAPPER.readTree(e.out()).get("test").has("accuracy"), e.out());
    }

    @Test
    void configFileReproducesARunAndFlagsOverrideIt() throws Exception {
        Path a = tmp.resolve("a");
        assertEquals(0, run(train(a, "--lr", "0.05", "--seed", "3")).code());
        Path b = tmp.resolve("b");
        CliTest.Result rb = run("train", "--config", a.resolve("config.json").toString(), "--out", b.toString());
        assertEquals(0, rb.code(), rb.err());
        assertEquals(Files.readString(a.resolve("config.json")), Files.readString(b.resolve("config.json")));
        assertEquals(Json.MAPPER.readTree(a.resolve("run.json").toFile()).get("last").get("test_loss"),
                Json.MAPPER.readTree(b.resolve("run.json").toFile()).get("last").get("test_loss"),
                "same config, same seed, same thread count: the same run");
        Path yaml = Files.writeString(tmp.resolve("c.yaml"), Files.readString(a.resolve("config.json")).replace("\"seed\" : 3", "\"seed\" : 4"));
        Path c = tmp.resolve("c");
        assertEquals(0, run("train", "--config", yaml.toString(), "--lr", "0.2", "--out", c.toString()).code());
        Map<?, ?> cc = Json.MAPPER.readValue(c.resolve("config.json").toFile(), Map.class);
        assertEquals(0.2, cc.get("lr"), "the flag overrides the file");
        assertEquals(4, cc.get("seed"), "the file overrides the defaults");
        assertEquals(200, cc.get("train-size"));
    }

    @Test
    void anUnknownConfigKeyIsAOneLineErrorNamingIt() throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.yaml"), "data: gaussians\nlearning-rate: 0.1\n");
        assertOneLineError(run("train", "--config", f.toString(), "--out", tmp.resolve("x").toString()), 2, "bad.yaml:2: learning-rate: unknown training option");
        Path g = Files.writeString(tmp.resolve("bad.json"), "{\"lr\": \"fast\"}");
        assertOneLineError(run("train", "--config", g.toString(), "--out", tmp.resolve("y").toString()), 2, "bad.json: bad training option value");
        assertFalse(Files.exists(tmp.resolve("x")) || Files.exists(tmp.resolve("y")));
    }

    @Test
    void quietSilencesProgressAndVerboseLogsGengeosDebugMessages() {
        ByteArrayOutputStream normal = new ByteArrayOutputStream();
        assertEquals(0, withStandardError(normal, () -> run(train(tmp.resolve("n")))).code());
        assertTrue(normal.toString(StandardCharsets.UTF_8).contains("epoch 1"), "evaluation lines on standard error: " + normal);
        assertFalse(LoggerFactory.getLogger("org.gengeo.cli").isInfoEnabled(), "warnings only by default");

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        CliTest.Result q = withStandardError(quiet, () -> run(train(tmp.resolve("q"), "--quiet")));
        assertEquals(0, q.code(), q.err());
        assertEquals("", quiet.toString(StandardCharsets.UTF_8));
        assertTrue(q.out().contains("completed"), "results still on standard output");
        assertFalse(LoggerFactory.getLogger("org.gengeo.cli").isWarnEnabled());

        CliTest.Result v = run("eval", tmp.resolve("q").toString(), "--threads", "1", "--verbose");
        assertEquals(0, v.code(), v.err());
        assertTrue(LoggerFactory.getLogger("org.gengeo.core").isDebugEnabled());
        assertOneLineError(run("eval", tmp.resolve("q").toString(), "-q", "-v"), 2, "--quiet and --verbose exclude each other");
    }

    @Test
    void measureShowsItsProgressOnStandardError() {
        assertEquals(0, run(train(tmp.resolve("m"))).code());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliTest.Result r = withStandardError(err, () -> run("measure", tmp.resolve("m").toString(), "--only", "frobenius-norm,path-norm",
                "--threads", "1"));
        assertEquals(0, r.code(), r.err());
        long work = MeasureCommand.workBefore(org.gengeo.measures.registry.MeasureRegistry.parseList("frobenius-norm,path-norm"))[2];
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("measure: " + work + "/" + work + " (100%)"), err.toString(StandardCharsets.UTF_8));
    }
}
