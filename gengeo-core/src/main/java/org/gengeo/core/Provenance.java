package org.gengeo.core;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param inputs        the model and data a run's analysis read, or null (not written) for a record
 *                      that reads no saved run
 */
public record Provenance(String gengeoVersion, String gitCommit, String engine, String java, int threads,
                         String command, String createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Inputs inputs) {

    /**
     * What an analysis of a saved run read: the model file and its SHA-256, and the content hashes
     * of the training and test data as rebuilt from the run's config (the same hashes
     * {@code run.json} records at training time, so a mismatch shows another model or other data).
     *
     * @param model           the model file (model.safetensors, or model.pt for a TorchScript module)
     * @param modelSha256     SHA-256 of that file
     * @param trainDataHash   content hash of the training set
     * @param testDataHash    content hash of the test set
     */
    public record Inputs(String model, String modelSha256, String trainDataHash, String testDataHash) {}

    /** Provenance without inputs, for a record that reads no saved run. */
    public Provenance(String gengeoVersion, String gitCommit, String engine, String java, int threads, String command, String createdAt) {
        this(gengeoVersion, gitCommit, engine, java, threads, command, createdAt, null);
    }

    /** This provenance naming the model and data it was computed from. */
    public Provenance withInputs(Inputs inputs) {
        return new Provenance(gengeoVersion, gitCommit, engine, java, threads, command, createdAt, inputs);
    }

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
