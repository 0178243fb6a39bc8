package org.gengeo.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.gengeo.core.tensor.TensorEngine;

/**
 * Where a small training step's time goes, engine against PyTorch for Python at the same thread
 * count: the cost of one native element-wise operation on a one-element tensor (the fixed
 * per-call overhead: JNI, the Java array object and its memory scope, against the interpreter),
 * of a scope's creation and closing, and the GFLOP/s of a bare float32 matrix product (the GEMM
 * kernel each side's libtorch picks) at the two MLP step shapes and at 2048. Each figure is the
 * median of {@code REPEATS} timed runs; the PyTorch side is python/engine_overhead.py.
 * Usage: {@code EngineOverheadBench PYTHON SCRIPT THREADS [REPEATS]}.
 */
public final class EngineOverheadBench {
    private static final int OPS = 20_000;
    private static final long[][] GEMMS = {{64, 784, 100}, {256, 784, 512}, {256, 512, 512}, {2048, 2048, 2048}};

    private EngineOverheadBench() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: EngineOverheadBench PYTHON SCRIPT THREADS [REPEATS]");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[2]);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        TensorEngine.start(threads);
        JsonNode py = PythonSide.run(List.of(args[0], args[1], "--threads", Integer.toString(threads),
                "--repeats", Integer.toString(repeats)), threads);
        System.out.printf(Locale.ROOT, "engine: %s, threads %d, median of %d%n", TensorEngine.description(), threads, repeats);
        System.out.printf(Locale.ROOT, "%-34s %12s %12s %8s%n", "figure", "gengeo", "pytorch", "ratio");
        try (NDManager m = TensorEngine.newManager()) {
            NDArray a = m.ones(new Shape(1));
            NDArray b = m.ones(new Shape(1));
            row("add, 1 element (us/op)", perOp(repeats, OPS, () -> {
                try (NDScope s = new NDScope()) {
                    for (int i = 0; i < OPS; i++) {
                        a.add(b);
                    }
                }
            }), py.get("add_us").asDouble());
            row("in-place add, 1 element (us/op)", perOp(repeats, OPS, () -> {
                for (int i = 0; i < OPS; i++) {
                    a.addi(b);
                }
            }), py.get("addi_us").asDouble());
            row("scope open+close, 1 op (us)", perOp(repeats, OPS, () -> {
                for (int i = 0; i < OPS; i++) {
                    try (NDScope s = new NDScope()) {
                        a.add(b);
                    }
                }
            }), py.get("add_us").asDouble());
            for (long[] g : GEMMS) {
                NDArray x = m.randomUniform(0, 1, new Shape(g[0], g[1]));
                NDArray w = m.randomUniform(0, 1, new Shape(g[1], g[2]));
                int reps = (int) Math.max(3, 2e9 / (2.0 * g[0] * g[1] * g[2]));
                double us = perOp(repeats, reps, () -> {
                    try (NDScope s = new NDScope()) {
                        for (int i = 0; i < reps; i++) {
                            x.matMul(w);
                        }
                    }
                });
                String key = g[0] + "x" + g[1] + "x" + g[2];
                double gflops = 2.0 * g[0] * g[1] * g[2] / us / 1e3;
                // a higher GFLOP/s is better: the ratio is PyTorch's over gengeo's, as for times
                row("matmul " + key + " (GFLOP/s)", gflops, py.get("gemm").get(key).asDouble(), true);
            }
        }
    }

    /** Median microseconds per operation of {@code body}, which runs {@code ops} of them, after one warm-up run. */
    private static double perOp(int repeats, int ops, Runnable body) {
        return MedianTime.millis(1, repeats, body) * 1e3 / ops;
    }

    private static void row(String name, double ours, double theirs) {
        row(name, ours, theirs, false);
    }

    private static void row(String name, double ours, double theirs, boolean higherIsBetter) {
        double ratio = higherIsBetter ? theirs / ours : ours / theirs;
        System.out.printf(Locale.ROOT, "%-34s %12.2f %12.2f %8.3f%n", name, ours, theirs, ratio);
    }
}
