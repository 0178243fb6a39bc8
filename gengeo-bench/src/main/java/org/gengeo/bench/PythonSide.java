package org.gengeo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the PyTorch side of a side-by-side benchmark and reads the JSON line it prints last. */
final class PythonSide {
    private PythonSide() {}

    /** Runs {@code cmd} with OMP_NUM_THREADS = {@code threads}; its stderr goes to ours. */
    static JsonNode run(List<String> cmd, int threads) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("PyTorch side failed: " + String.join(" ", cmd));
        }
        String[] lines = out.split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
