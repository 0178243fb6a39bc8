package org.gengeo.train;

/**
 * Where training stands: updates made, the epoch in progress (0-based), batches of it already
 * done, and training wall time so far. Saved in every checkpoint's metadata.
 */
public record Position(long step, int epoch, int batchInEpoch, double wallS, String startTime) {}
