package org.gengeo.study.coherence;

import java.nio.file.Path;
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
 * Experiment 4: under 50% label noise, the share of each step that serves the pristine and the
 * corrupt examples, f_p = &lt;g, g_p&gt; / ||g||^2 (f_p + f_c = 1), over training, with the
 * m-coherence within each group. Expected (spec): early on the pristine examples, whose gradients
 * agree, take more than their share of the step; the corrupt examples' share grows once the pristine
 * ones are fitted.
 */
final class PristineAndCorrupt implements CoherenceExperiment {
    static final double NOISE = 0.5;

    @Override
    public String name() {
        return "pristine-corrupt";
    }

    @Override
    public Map<String, TrainConfig> runs(TrainConfig base, int stepsPerEpoch) {
        return Map.of("noise50", base.with(Map.of("label-noise", NOISE, "coherence-every", Math.max(1, stepsPerEpoch / 2))));
    }

    @Override
    public StudySection analyse(Map<String, Path> runs) {
        CsvTable table = new CsvTable("step", "epoch", "train_acc", "test_acc", "pristine_share", "corrupt_share",
                "pristine_m_coherence", "corrupt_m_coherence", "pristine_examples", "corrupt_examples");
        StudySection section = new StudySection(name(), "4. Pristine versus corrupt examples (50% label noise)",
                "f_p = <g, g_p> / ||g||^2: the part of the mean gradient g over the coherence sample that the pristine (p) or "
                + "corrupt (c) examples contribute, projected on g; f_p + f_c = 1.", table);
        List<MetricsLine> lines = RunReadings.withCoherence(RunReadings.metrics(runs.get("noise50")));
        double[] step = RunReadings.column(lines, MetricsLine::step);
        double[] fp = lines.stream().mapToDouble(l -> l.coherenceGroups().get("pristine").stepShare()).toArray();
        double[] fc = lines.stream().mapToDouble(l -> l.coherenceGroups().get("corrupt").stepShare()).toArray();
        MetricsLine.GroupCoherence p0 = lines.get(0).coherenceGroups().get("pristine");
        MetricsLine.GroupCoherence c0 = lines.get(0).coherenceGroups().get("corrupt");
        double pristineFraction = p0.examples() / (double) (p0.examples() + c0.examples());
        for (MetricsLine l : lines) {
            MetricsLine.GroupCoherence p = l.coherenceGroups().get("pristine");
            MetricsLine.GroupCoherence c = l.coherenceGroups().get("corrupt");
            table.row(l.step(), l.epoch(), l.trainAcc(), l.testAcc(), p.stepShare(), c.stepShare(), p.mCoherence(), c.mCoherence(),
                    p.examples(), c.examples());
        }
        section.figure(new LineChart("Share of the step", "step", "f").add("pristine f_p", step, fp).add("corrupt f_c", step, fc)
                .add("pristine fraction of the sample", new double[] {step[0], step[step.length - 1]},
                        new double[] {pristineFraction, pristineFraction}));
        section.figure(new LineChart("m-coherence within each group", "step", "m-coherence").logY(true)
                .add("pristine", step, lines.stream().mapToDouble(l -> l.coherenceGroups().get("pristine").mCoherence()).toArray())
                .add("corrupt", step, lines.stream().mapToDouble(l -> l.coherenceGroups().get("corrupt").mCoherence()).toArray())
                );
        int early = lines.size() > 1 ? 1 : 0;
        double peakCorrupt = RunReadings.max(fc);
        section.summary("pristine_fraction", pristineFraction).summary("f_p_early", fp[early]).summary("f_c_early", fc[early])
                .summary("f_c_peak", peakCorrupt).summary("f_c_final", RunReadings.last(fc));
        section.effect("pristine-first", "Early in training the pristine examples take more than their share of the step", "difference > 0",
                "f_p early in training minus the pristine examples' fraction of the sample", fp[early] - pristineFraction, Rule.above(0),
                String.format(Locale.ROOT, "at step %d f_p = %.3f while pristine examples are %.3f of the sample", (long) step[early], fp[early],
                        pristineFraction));
        section.effect("corrupt-share-grows", "The corrupt examples' share grows once the pristine ones are fitted", "difference > 0",
                "peak f_c minus f_c early in training", peakCorrupt - fc[early], Rule.above(0),
                String.format(Locale.ROOT, "f_c rises from %.3f (step %d) to a peak of %.3f (final %.3f)", fc[early], (long) step[early],
                        peakCorrupt, RunReadings.last(fc)));
        return section;
    }
}
