package org.gengeo.core.data;

import org.gengeo.core.GengeoException;

/** The pixel convention of every image reader: unsigned bytes divided by 255, as torchvision's ToTensor. */
final class Pixels {
    /** Heap a pixel takes while a file is read: its byte and its float32. */
    static final int BYTES_PER_PIXEL = 1 + 4;

    private Pixels() {}

    static float[] scale(byte[] pixels) {
        float[] f = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            f[i] = (pixels[i] & 0xff) / 255f;
        }
        return f;
    }

    /**
     * Refuses, before anything is allocated, a file whose {@code pixels} would not fit in the heap
     * this JVM has left ({@code Runtime.maxMemory()} less what is in use): a header may promise
     * 1.5 GB of pixels that a small gzip file really holds, which would end in an out-of-memory error.
     */
    static void requireMemory(String file, long pixels) {
        Runtime rt = Runtime.getRuntime();
        requireMemory(file, pixels, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
    }

    /** {@link #requireMemory(String, long)} against {@code availableBytes} of heap. */
    static void requireMemory(String file, long pixels, long availableBytes) {
        long needed = pixels * BYTES_PER_PIXEL;
        if (needed > availableBytes) {
            throw new GengeoException(String.format(java.util.Locale.ROOT, "%s: its %d pixels need %.1f GiB of memory to read, but"
                    + " only %.1f GiB of Java heap is left (use a smaller file, or raise the heap, e.g. GENGEO_JAVA_OPTS=-Xmx%dg)",
                    file, pixels, needed / 1073741824.0, availableBytes / 1073741824.0, (long) Math.ceil(needed * 1.5 / 1073741824.0)));
        }
    }
}
