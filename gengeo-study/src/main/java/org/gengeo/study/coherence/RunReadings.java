package org.gengeo.study.coherence;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Loss;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.stats.Quantiles;
import org.gengeo.train.CoherenceProbe;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.RunDirectory;

/** What the experiments read back from a finished run: its metrics, and accuracies on parts of its training set. */
final class RunReadings {
    private RunReadings() {}

    static List<MetricsLine> metrics(Path run) {
        return RunDirectory.open(run).readMetrics();
    }

    /** One column of the metrics, as an array. */
    static double[] column(List<MetricsLine> lines, ToDoubleFunction<MetricsLine> f) {
        return lines.stream().mapToDouble(f).toArray();
    }

    /** The metrics lines that carry a coherence measurement. */
    static List<MetricsLine> withCoherence(List<MetricsLine> lines) {
        return lines.stream().filter(l -> l.coherence() != null).toList();
    }

    /** Training accuracy of the final model on its pristine and on its corrupt examples (NaN for an empty part). */
    record PartAccuracy(double pristine, double corrupt, int corruptCount) {}

    static PartAccuracy partAccuracy(Path run) {
        try (LoadedRun r = LoadedRun.open(RunDirectory.open(run), null); NDManager memory = TensorEngine.newManager()) {
            Dataset train = r.data().train();
            int[] corrupt = r.config().randomLabels() ? IntStream.range(0, train.size()).toArray() : CoherenceProbe.corrupted(r.data());
            int[] pristine = IntStream.range(0, train.size()).filter(i -> Arrays.binarySearch(corrupt, i) < 0).toArray();
            Loss loss = Loss.forOutputs(r.network().architecture().outputs());
            return new PartAccuracy(accuracy(r, train, pristine, memory, loss), accuracy(r, train, corrupt, memory, loss), corrupt.length);
        }
    }

    private static double accuracy(LoadedRun r, Dataset train, int[] idx, NDManager memory, Loss loss) {
        if (idx.length == 0) {
            return Double.NaN;
        }
        return Evaluation.of(r.network(), new DeviceData(train.select(idx), memory, r.network().precision()), loss).accuracy();
    }

    static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }

    /** The median (NaN for no values). */
    static double median(double[] x) {
        return Quantiles.ofSorted(Quantiles.sorted(x), 0.5);
    }

    static double last(double[] x) {
        return x.length == 0 ? Double.NaN : x[x.length - 1];
    }
}
