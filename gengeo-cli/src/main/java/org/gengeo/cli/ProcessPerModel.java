package org.gengeo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.sweep.SweepConfig;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRunner;

/**
 * Runs each model of a sweep in its own JVM ({@code gengeo sweep ... --id ID}), so that several
 * models train at once (DJL allows one gradient collector per process). The child's output goes to
 * {@code OUT/logs/ID.log}; a child whose parent dies stops itself (see {@link #watchParent(long)}), and
 * each model's lock file keeps two processes from working on one model at once.
 */
final class ProcessPerModel implements SweepRunner.ModelExecutor {
    private final SweepPlan plan;
    private final Path out;
    private final List<String> childArgs;

    /** {@code source}: the sweep's FILE or {@code --preset NAME} as the child must be given it. */
    ProcessPerModel(SweepPlan plan, Path out, List<String> source, int threads) {
        this.plan = plan;
        this.out = out;
        List<String> args = javaCommand();
        args.add("sweep");
        args.addAll(source);
        args.addAll(List.of("--out", out.toString(), "--threads", Integer.toString(threads), "--workers", "1",
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        this.childArgs = args;
    }

    /**
     * This JVM's java, class path and main class, with the system properties a child must share: offline
     * DJL, and the commit the launcher built from ({@code gengeo.gitCommit}), so that every model's
     * provenance names it instead of "unknown".
     */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true"));
        String commit = System.getProperty("gengeo.gitCommit");
        if (commit != null) {
            cmd.add("-Dgengeo.gitCommit=" + commit);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return cmd;
    }

    @Override
    public boolean finish(SweepConfig c) {
        if (SweepRunner.finished(plan, out, c)) {
            return false;
        }
        Path log = out.resolve("logs").resolve(c.id() + ".log");
        try {
            Files.createDirectories(log.getParent());
            List<String> cmd = new ArrayList<>(childArgs);
            cmd.addAll(List.of("--id", c.id()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int code = p.waitFor();
            if (code != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new GengeoException("worker exited with " + code + ": "
                        + (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1)) + " (log " + log + ")");
            }
            return true;
        } catch (IOException e) {
            throw new GengeoException("cannot run a worker process: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GengeoException("interrupted");
        }
    }

    /**
     * In a child: halts this JVM as soon as the sweep process {@code parentPid} is gone (at once if it
     * is gone already: a child started just before its parent was killed).
     */
    static void watchParent(long parentPid) {
        ProcessHandle parent = ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive).orElse(null);
        if (parent == null) {
            Runtime.getRuntime().halt(137);
        }
        Thread t = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(137);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
