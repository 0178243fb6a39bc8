package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.gengeo.core.model.Evaluation;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.RunRecord;

/** Human-readable summaries printed at the end of a command. */
final class Summaries {
    private Summaries() {}

    /** Loss and accuracy on the training and test sets, one line each. */
    static void printEvaluations(PrintWriter out, Evaluation train, Evaluation test) {
        out.printf(Locale.ROOT, "train: loss %.6f  accuracy %.4f  (%d examples)%n", train.loss(), train.accuracy(), train.examples());
        out.printf(Locale.ROOT, "test:  loss %.6f  accuracy %.4f  (%d examples)%n", test.loss(), test.accuracy(), test.examples());
        out.flush();
    }

    static void printRun(PrintWriter out, RunRecord r, Path dir) {
        out.println(r.message());
        MetricsLine l = r.last();
        if (l != null) {
            out.printf(Locale.ROOT, "train loss %.4f  train acc %.4f  test loss %.4f  test acc %.4f  (%.1f s)%n",
                    l.trainLoss(), l.trainAcc(), l.testLoss(), l.testAcc(), l.wallS());
        }
        out.println("run directory: " + dir + " (config.json, model.safetensors, metrics.jsonl, run.json)");
        out.flush();
    }
}
