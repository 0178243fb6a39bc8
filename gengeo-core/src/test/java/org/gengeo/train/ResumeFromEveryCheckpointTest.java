package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every state a kill can leave a run in, resumed, and resumed again from every state the resumed
 * session itself can be killed in, ends in the uninterrupted run's weights and metrics, bit for bit.
 * The states are copies of the run directory taken at each checkpoint (what a kill between two
 * checkpoints leaves, metrics included) and the same with the next evaluation's metrics line already
 * appended (a kill between the metrics append and the checkpoint). Dropout and momentum are on, so
 * the masks' and the momentum buffers' restoration is covered; no timing is involved.
 */
class ResumeFromEveryCheckpointTest {
    @TempDir
    Path tmp;

    static TrainConfig config() {
        return TrainingRunsTest.small("sgd").with(Map.of("train-size", 200, "batch", 25, "epochs", 4, "model", "mlp:20-32-10"));
    }

    /** Copies the run directory after each checkpoint into {@code into/STEP}. */
    static final class Snapshots implements TrainingListener {
        private final Path run;
        private final Path into;
        final List<Path> taken = new ArrayList<>();

        Snapshots(Path run, Path into) {
            this.run = run;
            this.into = into;
        }

        @Override
        public void evaluated(MetricsLine line) {
            Path to = into.resolve(Long.toString(line.step()));
            copy(run, to);
            taken.add(to);
        }
    }

    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same weights and the same metrics log (wall times aside). */
    static void assertSameRun(Path expected, Path actual) {
        TrainingRunsTest.assertSameWeights(TrainingRunsTest.weights(expected), TrainingRunsTest.weights(actual));
        List<MetricsLine> a = RunDirectory.open(expected).readMetrics();
        List<MetricsLine> b = RunDirectory.open(actual).readMetrics();
        assertEquals(a.size(), b.size(), actual.toString());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(withoutWallTime(a.get(i)), withoutWallTime(b.get(i)), actual + " line " + i);
        }
        assertEquals("completed", RunDirectory.open(actual).readRun().outcome(), actual.toString());
    }

    static MetricsLine withoutWallTime(MetricsLine l) {
        return new MetricsLine(l.step(), l.epoch(), l.trainLoss(), l.trainAcc(), l.testLoss(), l.testAcc(), l.batchLoss(), l.lr(), 0,
                l.coherence(), l.coherenceLayers(), l.coherenceGroups());
    }

    @Test
    void resumingFromEveryCheckpointTwiceGivesTheUninterruptedRun() throws Exception {
        Path full = tmp.resolve("full");
        Snapshots first = new Snapshots(full, tmp.resolve("kill1"));
        Trainer.train(config(), full, "test", first);
        List<String> fullMetrics = Files.readAllLines(full.resolve("metrics.jsonl"));
        assertEquals(5, first.taken.size());

        int resumed = 0;
        for (int k = 0; k < first.taken.size(); k++) {
            List<Path> states = new ArrayList<>(List.of(first.taken.get(k)));
            if (k + 1 < first.taken.size()) {        // killed after appending the next metrics line, before its checkpoint
                Path torn = tmp.resolve("torn" + k);
                copy(first.taken.get(k), torn);
                Files.writeString(torn.resolve("metrics.jsonl"), fullMetrics.get(k + 1) + "\n", java.nio.file.StandardOpenOption.APPEND);
                states.add(torn);
            }
            for (Path state : states) {
                Path once = tmp.resolve("once-" + state.getFileName() + "-" + state.getParent().getFileName());
                copy(state, once);
                Snapshots second = new Snapshots(once, tmp.resolve("kill2-" + once.getFileName()));
                Trainer.resume(once, "test", second);
                assertSameRun(full, once);
                resumed++;
                for (Path again : second.taken) {
                    Path twice = tmp.resolve("twice-" + once.getFileName() + "-" + again.getFileName());
                    copy(again, twice);
                    Trainer.resume(twice, "test", TrainingListener.NONE);
                    assertSameRun(full, twice);
                    resumed++;
                }
            }
        }
        assertEquals(9 + 2 * (4 + 3 + 2 + 1), resumed);
    }
}
