package org.gengeo.train;

/**
 * One line of {@code metrics.jsonl}: the state of training at an evaluation point. Losses are the
 * mean data loss (no weight decay) over the whole training / test set with dropout off;
 * {@code batch_loss} is the mean of the minibatch losses since the previous line.
 */
public record MetricsLine(long step, int epoch, double trainLoss, double trainAcc, double testLoss,
                          double testAcc, double batchLoss, double lr, double wallS) {}
