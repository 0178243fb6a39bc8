package org.gengeo.report;

import org.gengeo.report.svg.HtmlPage;
import org.gengeo.report.svg.LineChart;
import org.gengeo.train.LearningTimes;

/**
 * The page written beside {@code learning-times.json}: how many training examples were first
 * classified correctly after each epoch, and how many last turned correct then (Chatterjee and
 * Zielinski's "easy examples first"); examples never correct are counted at epoch -1.
 */
public final class LearningTimePage {
    /** How to read the histogram. */
    public static final String NOTE = "Epoch 0 is the untrained network. An example counted at its "
            + "'last turned correct' epoch has stayed correct since.";

    private LearningTimePage() {}

    /** Counts per epoch -1..epochs of {@code times}. */
    static double[] counts(int[] times, int epochs) {
        double[] c = new double[epochs + 2];
        for (int t : times) {
            c[t + 1]++;
        }
        return c;
    }

    /** The histogram of {@code times} for a run of {@code epochs} epochs, as an SVG figure. */
    public static String figure(LearningTimes.Times times, int epochs) {
        double[] x = new double[epochs + 2];
        for (int e = 0; e < x.length; e++) {
            x[e] = e - 1;
        }
        return new LineChart("Learning times of " + times.firstCorrect().length + " training examples", "epoch (-1: never)",
                "examples").markers(true).add("first correct", x, counts(times.firstCorrect(), epochs))
                .add("last turned correct", x, counts(times.lastBecameCorrect(), epochs)).toSvg(720, 400);
    }

    /** The HTML page for a run of {@code epochs} epochs. */
    public static String html(String run, LearningTimes.Times times, int epochs) {
        return new HtmlPage("Learning times: " + run).paragraph(NOTE).figure(figure(times, epochs), "").toHtml();
    }
}
