package org.gengeo.core.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.slf4j.LoggerFactory;

/**
 * The one place that starts the tensor engine (DJL with PyTorch's CPU natives from Maven Central).
 * Nothing is downloaded at run time ({@code ai.djl.offline=true}); the intra-op and inter-op
 * thread counts are fixed before the engine loads, because results are bit-reproducible only for
 * a fixed thread count.
 */
public final class TensorEngine {
    private static volatile int configuredThreads = -1;

    private TensorEngine() {}

    /**
     * Fixes the thread count and starts the engine. Must run before any tensor is created; later
     * calls with a different count fail, because PyTorch cannot change its pools once started.
     *
     * @param threads intra-op threads (at least 1)
     */
    public static synchronized void start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (configuredThreads == threads) {
            return;
        }
        if (configuredThreads > 0) {
            throw new IllegalStateException(
                    "tensor engine already started with " + configuredThreads + " threads");
        }
        LoggerFactory.getLogger(TensorEngine.class).debug("starting PyTorch with {} intra-op threads", threads);
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine("PyTorch");
        configuredThreads = threads;
    }

    /** Starts the engine with the thread count from {@code ai.djl.pytorch.num_threads} (default 1) if not yet started. */
    public static void ensureStarted() {
        if (configuredThreads < 0) {
            start(Integer.getInteger("ai.djl.pytorch.num_threads", 1));
        }
    }

    /**
     * Prepares the calling thread for tensor work. PyTorch's autograd mode is per thread and DJL turns
     * it off only in the thread that loads the engine; any other thread (a sweep's workers) must call
     * this before its first tensor operation, or in-place parameter updates fail.
     */
    public static void attachThread() {
        ensureStarted();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /** The thread count the engine runs with. */
    public static int threads() {
        ensureStarted();
        return configuredThreads;
    }

    /** A new root memory scope; close it to free every array created in it. */
    public static NDManager newManager() {
        ensureStarted();
        return Engine.getEngine("PyTorch").newBaseManager();
    }

    /** "PyTorch 2.7.1 (DJL)" or similar, for provenance. */
    public static String description() {
        ensureStarted();
        Engine engine = Engine.getEngine("PyTorch");
        return engine.getEngineName() + " " + engine.getVersion() + " via DJL " + Engine.getDjlVersion();
    }
}
