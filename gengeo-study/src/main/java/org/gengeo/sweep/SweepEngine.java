package org.gengeo.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.gengeo.core.GengeoException;

/**
 * A way of running a sweep other than the built-in local engine, found on the class path with
 * {@link ServiceLoader} (a {@code META-INF/services/org.gengeo.sweep.SweepEngine} entry). This keeps
 * heavy engines such as Apache Spark (module {@code gengeo-spark}) out of the command line's compile
 * dependencies: {@code gengeo sweep --engine NAME} asks {@link #named(String)} for it.
 */
public interface SweepEngine {
    /** The {@code --engine} value that selects this engine. */
    String name();

    /** Trains and measures every unfinished model of {@code request}, then writes the sweep's tables. */
    SweepRunner.Outcome run(Request request, Consumer<String> progress);

    /**
     * What to run, in a form that can be shipped to other machines (paths as strings).
     *
     * @param file    the sweep file, or null with {@code preset}
     * @param preset  a built-in sweep's name, or null with {@code file}
     * @param out     the sweep directory
     * @param threads engine threads per model
     * @param master  where the engine runs (Spark's master URL), or null for the engine's default
     * @param command the command line, for provenance
     */
    record Request(String file, String preset, String out, int threads, String master, String command) implements Serializable {
        /** The checked sweep plan. */
        public SweepPlan plan() {
            return file != null ? SweepPlan.read(Path.of(file)) : SweepPlan.preset(preset);
        }

        /** The sweep directory. */
        public Path outDir() {
            return Path.of(out);
        }
    }

    /** The engine called {@code name} on the class path; a one-line error naming what is missing if there is none. */
    static SweepEngine named(String name) {
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new GengeoException("--engine " + name + " is not on the class path (the spark engine is the gengeo-spark module; "
                + "bin/gengeo adds it when given --engine spark)");
    }
}
