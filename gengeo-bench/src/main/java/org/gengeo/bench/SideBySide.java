package org.gengeo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gengeo.core.tensor.TensorEngine;

/**
 * Side-by-side step timing: for each MLP, times gengeo's training step in this JVM, then the same
 * work in PyTorch for Python (python/train_step.py, run with the given interpreter) at the same
 * thread count, and prints both medians and their ratio. Usage:
 * {@code SideBySide PYTHON SCRIPT THREADS [STEPS] [REPEATS]}.
 */
public final class SideBySide {
    private static final String[][] CONFIGS = {{"784-100-10", "64"}, {"784-512-512-10", "256"}};
    private static final int WARMUP = 1000;

    private SideBySide() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: SideBySide PYTHON SCRIPT THREADS [STEPS] [REPEATS]");
            System.exit(2);
        }
        String python = args[0];
        String script = args[1];
        int threads = Integer.parseInt(args[2]);
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        TensorEngine.start(threads);
        System.out.printf(Locale.ROOT, "engine: %s, threads %d, %d steps x %d repeats (median), warm-up %d%n",
                TensorEngine.description(), threads, steps, repeats, WARMUP);
        System.out.printf(Locale.ROOT, "%-16s %6s %14s %14s %8s%n", "mlp", "batch", "gengeo us", "pytorch us", "ratio");
        for (String[] c : CONFIGS) {
            double ours = timeGengeo(c[0], Integer.parseInt(c[1]), steps, repeats);
            JsonNode theirs = timePyTorch(python, script, c[0], c[1], threads, steps, repeats);
            double ref = theirs.get("median_us").asDouble();
            System.out.printf(Locale.ROOT, "%-16s %6s %14.1f %14.1f %8.3f%n", c[0], c[1], ours, ref, ours / ref);
        }
    }

    private static double timeGengeo(String widths, int batch, int steps, int repeats) {
        try (StepFixture f = new StepFixture(widths, batch)) {
            for (int i = 0; i < WARMUP; i++) {
                f.step();
            }
            double[] runs = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    f.step();
                }
                runs[r] = (System.nanoTime() - t0) / 1e3 / steps;
            }
            Arrays.sort(runs);
            return runs[repeats / 2];
        }
    }

    private static JsonNode timePyTorch(String python, String script, String widths, String batch, int threads,
                                        int steps, int repeats) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, script, "--widths", widths, "--batch", batch,
                "--threads", Integer.toString(threads), "--warmup", Integer.toString(WARMUP),
                "--steps", Integer.toString(steps), "--repeats", Integer.toString(repeats)));
        return PythonSide.run(cmd, threads);
    }
}
