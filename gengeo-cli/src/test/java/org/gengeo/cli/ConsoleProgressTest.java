package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress off a terminal: occasional plain lines with a linear time estimate; nothing under --quiet. */
class ConsoleProgressTest {
    private final long[] now = {0};

    private List<String> run(boolean quiet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleProgress p = new ConsoleProgress("sweep", false, quiet, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0])) {
            p.start(0, 40);
            for (int done = 1; done <= 40; done++) {
                now[0] += 6_000_000_000L;            // 6 s per model
                p.update(done, 40);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(!text.contains("\r"), "no carriage returns off a terminal");
        return text.lines().toList();
    }

    @Test
    void plainLinesAtMostEveryThirtySecondsWithTheTimeLeft() {
        List<String> lines = run(false);
        assertEquals(8, lines.size(), String.join("\n", lines));   // 240 s of work: at 30, 60, ..., 240 s, the last also the finish
        assertEquals("sweep: 5/40 (13%), 30s elapsed, about 3m30s left", lines.get(0));
        assertEquals("sweep: 40/40 (100%), 4m00s elapsed", lines.get(lines.size() - 1));
    }

    @Test
    void aHeartbeatKeepsALogAliveDuringOneLongUnit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleProgress p = new ConsoleProgress("measure", false, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0])) {
            p.start(0, 4);
            now[0] += 10_000_000_000L;
            p.update(1, 4);
            p.message(" next: hessian-top");
            now[0] += 30_000_000_000L;
            p.beat();
            now[0] += 5_000_000_000L;
            p.beat();
        }
        assertEquals(List.of("measure: 1/4 (25%), 40s elapsed, about 2m00s left | next: hessian-top"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void quietPrintsNothing() {
        assertEquals(List.of(), run(true));
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("59s", ConsoleProgress.duration(59.4));
        assertEquals("3m05s", ConsoleProgress.duration(185));
        assertEquals("2h07m", ConsoleProgress.duration(2 * 3600 + 7 * 60 + 30));
    }
}
