package org.gengeo.sweep;

import java.util.Map;

/**
 * One finished model of a sweep ({@code runs/ID/row.json}, written last, atomically: its presence
 * means the model is trained and measured).
 *
 * @param id        the config's id
 * @param factors   the values of the sweep's config columns
 * @param outcome   how training ended (completed, reached-train-loss, reached-train-acc, diverged)
 * @param steps     updates made
 * @param trainLoss final training loss
 * @param trainAcc  final training accuracy
 * @param testLoss  final test loss
 * @param testAcc   final test accuracy
 * @param measures  each measure's ranked value, by name
 */
public record SweepRow(String id, Map<String, Object> factors, String outcome, long steps, double trainLoss, double trainAcc,
                       double testLoss, double testAcc, Map<String, Double> measures) {
    /** Generalization gap in accuracy, train minus test (the gap Jiang et al. 2020 rank against). */
    public double gapAcc() {
        return trainAcc - testAcc;
    }

    /** Generalization gap in loss, test minus train. */
    public double gapLoss() {
        return testLoss - trainLoss;
    }
}
