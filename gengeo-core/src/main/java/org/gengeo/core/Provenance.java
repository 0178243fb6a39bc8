package org.gengeo.core;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import org.gengeo.core.tensor.TensorEngine;

/**
 * Where a result came from: gengeo's version and git commit, the tensor engine, the JVM, the thread
 * count, and the command that asked for it. Every result record carries one.
 *
 * @param gengeoVersion the project version from the build
 * @param gitCommit     the commit the launcher built from ({@code gengeo.gitCommit}), or "unknown"
 * @param engine        tensor engine and version
 * @param java          JVM vendor and version
 * @param threads       intra-op threads of the engine (results are bit-reproducible for a fixed count)
 * @param command       the command line, as typed
 * @param createdAt     when this record was made (ISO-8601, UTC)
 */
public record Provenance(String gengeoVersion, String gitCommit, String engine, String java, int threads,
                         String command, String createdAt) {

    /** Provenance of the running process for {@code command}. */
    public static Provenance current(String command) {
        return new Provenance(version(), System.getProperty("gengeo.gitCommit", "unknown"),
                TensorEngine.description(), System.getProperty("java.vendor") + " " + Runtime.version(),
                TensorEngine.threads(), command, Instant.now().toString());
    }

    /** The gengeo version baked in at build time. */
    public static String version() {
        try (InputStream in = Provenance.class.getResourceAsStream("gengeo-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
