package org.gengeo.train;

import java.util.Map;
import org.gengeo.core.Provenance;

/**
 * {@code run.json}: what a run was, where it came from and how it ended.
 *
 * @param provenance code version, engine, threads and command
 * @param config     the full training config
 * @param data       data set name, source, sizes and content hashes of the final train/test sets
 * @param startTime  ISO-8601 start (of the first session, for a resumed run)
 * @param endTime    ISO-8601 end, null while running
 * @param outcome    running, completed, reached-train-loss, reached-train-acc, diverged, or failed (an I/O
 *                   failure such as a full disk stopped it; {@code --resume} continues from the last checkpoint)
 * @param message    a human-readable line about the outcome
 * @param steps      updates made
 * @param epochs     full epochs completed
 * @param last       the last evaluation, null before the first one
 */
public record RunRecord(Provenance provenance, TrainConfig config, Map<String, Object> data, String startTime,
                        String endTime, String outcome, String message, long steps, int epochs, MetricsLine last) {
    /** Outcome of a run an I/O failure stopped. */
    public static final String FAILED = "failed";

    /** Whether the run came to its end (neither still running, nor stopped by a failure, so nothing is left to resume). */
    public boolean ended() {
        return !outcome.equals("running") && !outcome.equals(FAILED);
    }
}
