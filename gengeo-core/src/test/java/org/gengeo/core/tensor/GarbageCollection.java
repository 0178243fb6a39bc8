package org.gengeo.core.tensor;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;

/**
 * Runs a full garbage collection and waits until the JVM has released the native memory of the
 * direct buffers it found unreachable: a canary direct buffer dropped before the collection must
 * have been enqueued, which happens in the same reference-processing pass that frees the others.
 */
public final class GarbageCollection {
    private GarbageCollection() {}

    /** Collects and waits (up to 10 s) for the canary; then gives the reference handler a moment more. */
    public static void collectAndFreeDirectBuffers() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> canary = new PhantomReference<>(ByteBuffer.allocateDirect(8), queue);
        try {
            for (int i = 0; i < 100; i++) {
                System.gc();
                if (queue.remove(100) != null) {
                    break;
                }
            }
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        canary.clear();
    }
}
