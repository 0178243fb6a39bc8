package org.gengeo.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: time of one gengeo training step (see {@link StepFixture}) for the two MLPs of the
 * foundation issue. Thread count from {@code -Dai.djl.pytorch.num_threads} (default 1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class TrainStepBenchmark {
    /** "widths:batch". */
    @Param({"784-100-10:64", "784-512-512-10:256"})
    public String config;

    private StepFixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = config.split(":");
        fixture = new StepFixture(parts[0], Integer.parseInt(parts[1]));
    }

    @Benchmark
    public double trainStep() {
        return fixture.step();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }
}
