package org.gengeo.train;

import java.util.Locale;
import org.gengeo.core.GengeoException;

/**
 * Learning rate as a function of training progress.
 * <ul>
 *   <li>{@code constant}: lr;</li>
 *   <li>{@code step}: lr * gamma^floor(epoch / stepEpochs) (torch.optim.lr_scheduler.StepLR);</li>
 *   <li>{@code cosine}: lr * (1 + cos(pi * step / totalSteps)) / 2, annealed to 0 at totalSteps
 *       (CosineAnnealingLR with eta_min = 0, stepped per batch).</li>
 * </ul>
 */
public record LrSchedule(Kind kind, double base, int stepEpochs, double gamma, long totalSteps) {
    /** Schedule shapes. */
    public enum Kind { CONSTANT, STEP, COSINE }

    /** Parses a schedule name. */
    public static Kind parse(String name) {
        switch (name == null ? "constant" : name.toLowerCase(Locale.ROOT)) {
            case "constant": return Kind.CONSTANT;
            case "step": return Kind.STEP;
            case "cosine": return Kind.COSINE;
            default: throw new GengeoException("--schedule must be constant, step or cosine, got '" + name + "'");
        }
    }

    /** The learning rate for global step {@code step} (0-based) in epoch {@code epoch} (0-based). */
    public double at(long step, int epoch) {
        switch (kind) {
            case STEP: return base * Math.pow(gamma, epoch / stepEpochs);
            case COSINE: return base * 0.5 * (1 + Math.cos(Math.PI * Math.min(step, totalSteps) / totalSteps));
            default: return base;
        }
    }
}
