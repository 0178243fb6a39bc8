package org.gengeo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.gengeo.sweep.SweepConfig;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code gengeo sweep --engine spark} on a real Spark standalone cluster, set up as a user's is: a master
 * and two one-core workers, each its own JVM on 127.0.0.1, started from a stock Spark distribution's
 * jars directory (gengeo-spark-dist: Spark's own Scala and Jackson, {@code -Pspark-scala-2.12} for the
 * default download's Scala 2.12), and the sweep given to {@code SparkSubmit} (what the
 * {@code spark-submit} script runs) as the one jar {@code target/gengeo-spark-submit.jar}, which Spark
 * ships to the executors. One worker is killed with SIGKILL as soon as its executor logs a task it has
 * not finished; the sweep must still finish, with every model's row exactly once and results.csv and
 * results.parquet equal to those of the local engine run on the same sweep in this JVM.
 *
 * <p>Runs with {@code -Pslow verify} (failsafe: it needs the packaged jar). Every process's log, the
 * executors' in the workers' directories, is kept under {@code target/spark-cluster-SCALA/}.
 */
@Tag("slow")
class SparkClusterIT {
    private static final String HOST = "127.0.0.1";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration SWEEP_LIMIT = Duration.ofMinutes(5);
    private static final Pattern RUNNING = Pattern.compile("Running task .* \\(TID (\\d+)\\)");
    private static final Pattern LOST_TASK = Pattern.compile("\\(TID \\d+\\) failed because while it was being computed, its executor exited");
    private static final Pattern FINISHED = Pattern.compile("Finished task .* \\(TID (\\d+)\\)");
    private static final String LOG4J = """
            rootLogger.level = info
            rootLogger.appenderRef.stderr.ref = console
            appender.console.type = Console
            appender.console.name = console
            appender.console.target = SYSTEM_ERR
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
            """;

    private final List<ProcessHandle> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void sweepFinishesWithEveryRowOnceWhenAWorkerIsKilledWhileItHoldsATask() throws Exception {
        String scala = property("gengeo.spark.scala");
        Path sparkHome = Path.of(property("gengeo.spark.home")).toAbsolutePath();
        Path jar = Path.of(property("gengeo.spark.submit.jar")).toAbsolutePath();
        assertTrue(Files.isDirectory(sparkHome.resolve("jars")), sparkHome + "/jars: build gengeo-spark-dist with -Pslow");
        assertTrue(Files.isRegularFile(jar), jar + ": run mvn package first");
        Path dir = Path.of("target", "spark-cluster-" + scala).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/log4j2.properties"), LOG4J);
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, SparkSweepTest.SWEEP);
        SweepPlan plan = SweepPlan.read(file);
        long t0 = System.nanoTime();

        int masterPort = freePort();
        int masterUi = freePort();
        String masterUrl = "spark://" + HOST + ":" + masterPort;
        start(dir, sparkHome, scala, "master", List.of("org.apache.spark.deploy.master.Master",
                "--host", HOST, "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi)));
        URI masterJson = URI.create("http://" + HOST + ":" + masterUi + "/json/");
        List<Process> workers = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            workers.add(start(dir, sparkHome, scala, "worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", HOST, "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                    "--cores", "1", "--memory", "2g", "--work-dir", dir.resolve("worker-" + i).toString(), masterUrl)));
        }
        awaitAliveWorkers(masterJson, 2);
        System.out.printf("cluster up after %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Path out = dir.resolve("sweep-cluster");
        Process driver = start(dir, sparkHome, scala, "driver", List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--class", "org.gengeo.cli.Main",
                "--executor-cores", "1", "--executor-memory", "1g", "--conf", "spark.task.cpus=1",
                "--conf", "spark.ui.port=" + freePort(), "--conf", "spark.executor.extraJavaOptions=-Dai.djl.offline=true",
                jar.toString(), "sweep", file.toString(), "--engine", "spark", "--threads", "1", "--out", out.toString()));

        int killed = -1;
        List<ProcessHandle> orphans = List.of();
        while (killed < 0 && driver.isAlive()) {
            for (int i = 0; i < workers.size() && killed < 0; i++) {
                if (holdsTask(dir.resolve("worker-" + (i + 1)))) {
                    orphans = workers.get(i).descendants().toList();      // its executor, left without its worker
                    started.addAll(orphans);
                    workers.get(i).destroyForcibly();                     // SIGKILL
                    killed = i + 1;
                }
            }
            Thread.sleep(50);
        }
        assertTrue(killed > 0, "no worker's executor was seen holding a task before the sweep ended; see " + dir);
        System.out.printf("worker-%d killed at %.1f s%n", killed, (System.nanoTime() - t0) / 1e9);
        assertTrue(driver.waitFor(SWEEP_LIMIT.toSeconds(), TimeUnit.SECONDS), "the sweep did not finish in " + SWEEP_LIMIT);
        System.out.printf("sweep finished at %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String driverLog = Files.readString(dir.resolve("driver.log"));
        assertEquals(0, driver.exitValue(), "driver exit code; see " + dir.resolve("driver.log"));
        assertTrue(LOST_TASK.matcher(driverLog).find(), "the driver saw the killed worker's task lost (and ran it again)");

        Path local = dir.resolve("sweep-local");
        SweepRunner.Outcome o = SweepRunner.run(plan, local, 1, SweepRunner.inProcess(plan, local, 1, "test"), "test", line -> { });
        assertEquals(plan.configs().size(), o.finished());
        String csv = Files.readString(out.resolve("results.csv"));
        assertEquals(Files.readString(local.resolve("results.csv")), csv);
        List<String> ids = csv.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        Set<String> expected = new TreeSet<>(plan.configs().stream().map(SweepConfig::id).toList());
        assertEquals(plan.configs().size(), ids.size(), "one row per model");
        assertEquals(expected, new TreeSet<>(ids));
        SparkSession s = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            var fromCluster = SparkSweepTest.assertParquetEqualsCsv(s, out);
            var fromLocal = SparkSweepTest.assertParquetEqualsCsv(s, local);
            assertEquals(fromLocal.schema(), fromCluster.schema());
            assertEquals(new HashSet<>(fromLocal.collectAsList()), new HashSet<>(fromCluster.collectAsList()));
        } finally {
            s.stop();
        }
        for (ProcessHandle p : orphans) {
            p.onExit().get(30, TimeUnit.SECONDS);                           // the executor exits once its worker is gone
        }
        System.out.printf("checked at %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Kills every process this test started, and their children (the executors), whatever happened. */
    @AfterEach
    void stopCluster() {
        for (ProcessHandle p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (ProcessHandle p : started) {
            p.onExit().join();
        }
    }

    /** Starts one Spark JVM as the {@code spark-class} script would, its output in {@code dir/NAME.log}. */
    private Process start(Path dir, Path sparkHome, String scala, String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(property("gengeo.spark.jvm.opens").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-cp", dir.resolve("conf") + "/:" + sparkHome.resolve("jars") + "/*"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = b.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", scala);                                // as bin/load-spark-env.sh sets it
        env.put("SPARK_CONF_DIR", dir.resolve("conf").toString());
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        started.add(p.toHandle());
        return p;
    }

    /** True if an executor under this worker directory logged a task it has not finished. */
    private static boolean holdsTask(Path workerDir) throws IOException {
        if (!Files.isDirectory(workerDir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(workerDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                String log = Files.readString(f);
                Set<String> running = tids(RUNNING, log);
                running.removeAll(tids(FINISHED, log));
                if (!running.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> tids(Pattern p, String log) {
        Set<String> ids = new HashSet<>();
        Matcher m = p.matcher(log);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Waits until the master's JSON page lists {@code n} workers alive. */
    private void awaitAliveWorkers(URI masterJson, int n) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        ObjectMapper json = new ObjectMapper();
        int alive = 0;
        while (System.nanoTime() < deadline) {
            Optional<String> page = get(masterJson);
            if (page.isPresent()) {
                try {
                    alive = 0;
                    for (JsonNode w : json.readTree(page.get()).path("workers")) {
                        alive += w.path("state").asText().equals("ALIVE") ? 1 : 0;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (alive == n) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        fail(alive + " of " + n + " workers alive at " + masterJson + " after " + START_LIMIT);
    }

    private Optional<String> get(URI uri) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();                                       // not listening yet
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set; run through mvn -Pslow verify");
        }
        return v;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
