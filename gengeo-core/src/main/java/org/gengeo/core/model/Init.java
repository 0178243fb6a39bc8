package org.gengeo.core.model;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.gengeo.core.GengeoException;

/**
 * Weight initialisation schemes, with fan-in/fan-out as PyTorch computes them (for a convolution,
 * fan_in = in_channels * k * k). Biases start at zero except under {@code torch}.
 * <ul>
 *   <li>{@code he}: W ~ N(0, 2 / fan_in) (He et al. 2015), the default for ReLU;</li>
 *   <li>{@code xavier}: W ~ U(-a, a), a = sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio 2010);</li>
 *   <li>{@code torch}: PyTorch's nn.Linear / nn.Conv2d default, W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in));</li>
 *   <li>{@code normal:S}: W ~ N(0, S^2).</li>
 * </ul>
 * A scale factor multiplies every sampled weight (the initial-scale factor of the duality studies).
 */
public record Init(Kind kind, double std, double scale) {
    /** The scheme. */
    public enum Kind { HE, XAVIER, TORCH, NORMAL }

    /** Parses "he", "xavier", "torch" or "normal:STD" with scale 1. */
    public static Init parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "he": case "kaiming": return new Init(Kind.HE, 0, 1);
            case "xavier": case "glorot": return new Init(Kind.XAVIER, 0, 1);
            case "torch": case "pytorch": return new Init(Kind.TORCH, 0, 1);
            default:
                if (t.startsWith("normal:")) {
                    double s;
                    try {
                        s = Double.parseDouble(t.substring(7));
                    } catch (NumberFormatException e) {
                        s = -1;
                    }
                    if (!(s > 0) || Double.isInfinite(s)) {
                        throw new GengeoException("init '" + text + "': the standard deviation must be a positive number");
                    }
                    return new Init(Kind.NORMAL, s, 1);
                }
                throw new GengeoException("unknown init '" + text + "' (expected he, xavier, torch or normal:STD)");
        }
    }

    /** The same scheme with every weight multiplied by {@code factor}. */
    public Init scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new GengeoException("init scale must be a positive number, got " + factor);
        }
        return new Init(kind, std, scale * factor);
    }

    /** The name as written on the command line. */
    public String label() {
        return kind == Kind.NORMAL ? "normal:" + std : kind.name().toLowerCase(Locale.ROOT);
    }

    /** Fills {@code w} (any layout) with weights for a layer of the given fans. */
    public void fillWeights(double[] w, int fanIn, int fanOut, RandomGenerator rng) {
        for (int i = 0; i < w.length; i++) {
            double v;
            switch (kind) {
                case HE: v = rng.nextGaussian() * Math.sqrt(2.0 / fanIn); break;
                case XAVIER: v = uniform(rng, Math.sqrt(6.0 / (fanIn + fanOut))); break;
                case TORCH: v = uniform(rng, 1.0 / Math.sqrt(fanIn)); break;
                default: v = rng.nextGaussian() * std; break;
            }
            w[i] = v * scale;
        }
    }

    /** Fills {@code b} with initial biases for a layer of the given fan-in. */
    public void fillBiases(double[] b, int fanIn, RandomGenerator rng) {
        for (int i = 0; i < b.length; i++) {
            b[i] = kind == Kind.TORCH ? uniform(rng, 1.0 / Math.sqrt(fanIn)) : 0.0;
        }
    }

    private static double uniform(RandomGenerator rng, double a) {
        return (2 * rng.nextDouble() - 1) * a;
    }
}
