package org.gengeo.report;

import org.gengeo.report.page.HtmlPage;
import org.gengeo.report.chart.BarChart;
import org.gengeo.train.LearningTimes;

/**
 * The page written beside {@code learning-times.json}: how many training examples were first
 * classified correctly after each epoch, and how many last turned correct then (Chatterjee and
 * Zielinski's "easy examples first"); examples never correct are counted in the last bar, "never".
 */
public final class LearningTimePage {
    /** How to read the histogram. */
    public static final String NOTE = "Epoch 0 is the untrained network. An example counted at its "
            + "'last turned correct' epoch has stayed correct since.";

    private LearningTimePage() {}

    /** Counts per epoch 0..epochs of {@code times}, then the count of "never" (time -1). */
    static double[] counts(int[] times, int epochs) {
        double[] c = new double[epochs + 2];
        for (int t : times) {
            c[t < 0 ? epochs + 1 : t]++;
        }
        return c;
    }

    /** The histogram of {@code times} for a run of {@code epochs} epochs: one bar pair per epoch, then "never". */
    public static BarChart figure(LearningTimes.Times times, int epochs) {
        String[] epoch = new String[epochs + 2];
        for (int e = 0; e < epoch.length; e++) {
            epoch[e] = e <= epochs ? Integer.toString(e) : "never";
        }
        return new BarChart("Learning times of " + times.firstCorrect().length + " training examples", "epoch", "examples")
                .categories(epoch).add("first correct", counts(times.firstCorrect(), epochs))
                .add("last turned correct", counts(times.lastBecameCorrect(), epochs));
    }

    /** The page for a run of {@code epochs} epochs. */
    public static HtmlPage page(String run, LearningTimes.Times times, int epochs) {
        return new HtmlPage("Learning times: " + run).paragraph(NOTE).figure(figure(times, epochs).about("run", run), "");
    }
}
