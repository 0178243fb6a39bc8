package org.gengeo.core;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from one user seed: initialisation, the data
 * order of each epoch, the dropout masks of each step and so on each get their own stream, named
 * by a purpose string and indices. Because a stream depends only on (seed, purpose, indices), a
 * resumed run draws exactly what an uninterrupted one would.
 */
public final class Seeds {
    private Seeds() {}

    /** A 64-bit seed for (seed, purpose, indices), mixed with SplitMix64's finaliser. */
    public static long derive(long seed, String purpose, long... indices) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        for (long i : indices) {
            h = mix(h ^ mix(i + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** A generator for (seed, purpose, indices). */
    public static SplittableRandom random(long seed, String purpose, long... indices) {
        return new SplittableRandom(derive(seed, purpose, indices));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
