package org.gengeo.study.coherence;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.io.CsvTable;
import org.gengeo.report.chart.LineChart;
import org.gengeo.findings.Rule;
import org.gengeo.study.StudySection;
import org.gengeo.train.MetricsLine;
import org.gengeo.train.TrainConfig;

/**
 * Experiment 3: M3, RM3 and RA3 against SGD (momentum 0) on real and on random labels: training
 * curves. RM3 and RA3 are the published ones (the current and the two previous steps' gradients). Expected (spec): the medians (M3, RM3) train much more slowly on random labels than on
 * real ones, relative to SGD; the control RA3, which averages what the medians take the median of,
 * does not suppress the idiosyncratic directions and so fits random labels faster than they do.
 */
final class MedianOfThree implements CoherenceExperiment {
    static final String[] OPTIMISERS = {"sgd", "m3", "rm3", "ra3"};

    @Override
    public String name() {
        return "median-of-three";
    }

    @Override
    public Map<String, TrainConfig> runs(TrainConfig base, int stepsPerEpoch) {
        Map<String, TrainConfig> runs = new LinkedHashMap<>();
        for (String labels : new String[] {"real", "random"}) {
            for (String opt : OPTIMISERS) {
                runs.put(labels + "-" + opt, base.with(Map.of("opt", opt, "random-labels", labels.equals("random"))));
            }
        }
        return runs;
    }

    @Override
    public StudySection analyse(Map<String, Path> runs) {
        CsvTable table = new CsvTable("labels", "optimizer", "step", "epoch", "train_acc", "test_acc", "train_loss");
        StudySection section = new StudySection(name(), "3. Median of three (M3, RM3) and average of three (RA3) against SGD",
                "M3: coordinate-wise median of the gradients of the three thirds of each minibatch; RM3: of three independent "
                + "minibatches; RA3: their average (control). Momentum 0 throughout.", table);
        Map<String, Double> finalTrain = new LinkedHashMap<>();
        for (String labels : new String[] {"real", "random"}) {
            LineChart train = new LineChart("Training accuracy, " + labels + " labels", "epoch", "train accuracy");
            LineChart test = new LineChart("Test accuracy, " + labels + " labels", "epoch", "test accuracy");
            for (String opt : OPTIMISERS) {
                List<MetricsLine> lines = RunReadings.metrics(runs.get(labels + "-" + opt));
                double[] epoch = RunReadings.column(lines, MetricsLine::epoch);
                train.add(opt, epoch, RunReadings.column(lines, MetricsLine::trainAcc));
                test.add(opt, epoch, RunReadings.column(lines, MetricsLine::testAcc));
                for (MetricsLine l : lines) {
                    table.row(labels, opt, l.step(), l.epoch(), l.trainAcc(), l.testAcc(), l.trainLoss());
                }
                finalTrain.put(labels + "-" + opt, lines.get(lines.size() - 1).trainAcc());
            }
            section.figure(train).figure(test);
        }
        section.summary("final_train_acc", finalTrain);
        for (String median : new String[] {"m3", "rm3"}) {
            double real = finalTrain.get("real-" + median) / finalTrain.get("real-sgd");
            double random = finalTrain.get("random-" + median) / finalTrain.get("random-sgd");
            section.effect(median + "-slows-random", median.toUpperCase(Locale.ROOT) + " slows the fitting of random labels far more than of real labels",
                    "difference > 0 (the medians barely fit random labels while fitting real ones nearly as fast as SGD)",
                    "final train accuracy relative to SGD, real labels minus random labels", real - random, Rule.above(0),
                    String.format(Locale.ROOT, "final train accuracy relative to SGD: %.3f on real labels, %.3f on random labels", real, random));
        }
        double ra3 = finalTrain.get("random-ra3") / finalTrain.get("random-sgd");
        double m3 = finalTrain.get("random-m3") / finalTrain.get("random-sgd");
        double rm3 = finalTrain.get("random-rm3") / finalTrain.get("random-sgd");
        section.effect("ra3-faster-than-medians", "The control RA3 (average of the same three gradients) fits random labels faster than the medians",
                "difference > 0", "final train accuracy relative to SGD on random labels, RA3 minus the larger of M3 and RM3",
                ra3 - Math.max(m3, rm3), Rule.above(0),
                String.format(Locale.ROOT, "final train accuracy relative to SGD on random labels: RA3 %.3f, M3 %.3f, RM3 %.3f", ra3, m3, rm3));
        return section;
    }
}
