package org.gengeo.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.gengeo.core.Progress;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;
import org.gengeo.measures.CoherenceAnalysis;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.train.Artifact;
import org.gengeo.train.RunDirectory;
import org.gengeo.train.TrainConfig;
import org.gengeo.train.Trainer;
import org.gengeo.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one shape of an analysis: a run and options in, a typed record naming the model and data it read out. */
class AnalysisTest {
    @Test
    void theRecordNamesTheModelAndTheDataByTheirHashes(@TempDir Path tmp) throws Exception {
        TrainConfig config = TrainConfig.defaults().with(Map.of("data", "gaussians", "train-size", 60, "test-size", 30,
                "model", "mlp:20-8-10", "epochs", 1, "batch", 30, "seed", 1, "threads", 1));
        Path run = tmp.resolve("r");
        Trainer.train(config, run, "test", TrainingListener.NONE);
        CoherenceRecord returned = RunAnalyses.COHERENCE.run(run, new CoherenceAnalysis.Options("train", 20, 0, 20),
                "gengeo coherence r", Progress.NONE);

        RunDirectory dir = RunDirectory.open(run);
        CoherenceRecord onDisk = dir.read(RunArtifacts.COHERENCE);
        assertEquals(returned.provenance(), onDisk.provenance());
        Provenance.Inputs inputs = onDisk.provenance().inputs();
        assertEquals("gengeo coherence r", onDisk.provenance().command());
        assertEquals("model.safetensors", inputs.model());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.model())));
        assertEquals(sha, inputs.modelSha256());
        // the data hashes are those training recorded in run.json, so a record shows which data its model saw
        Map<String, Object> trained = dir.readRun().data();
        assertEquals(trained.get("train_hash"), inputs.trainDataHash());
        assertEquals(trained.get("test_hash"), inputs.testDataHash());
        assertEquals(run.toString(), onDisk.run());
    }

    @Test
    void provenanceWithoutInputsWritesNoInputsKey() {
        Provenance p = new Provenance("0", "c", "e", "j", 1, "cmd", "t");
        String json = Json.line(p);
        assertFalse(json.contains("inputs"), json);
        assertEquals(p, Json.parse(json, Provenance.class, "test"));
        Provenance with = p.withInputs(new Provenance.Inputs("model.pt", "ab", "cd", "ef"));
        String withJson = Json.line(with);
        assertTrue(withJson.contains("\"model_sha256\":\"ab\""), withJson);
        assertEquals(with, Json.parse(withJson, Provenance.class, "test"));
        assertNull(Json.parse(json, Provenance.class, "test").inputs());
    }

    @Test
    void everyFileOfARunDirectoryIsNamedOnce() {
        Set<String> names = new HashSet<>();
        for (Artifact<?> a : RunArtifacts.ALL) {
            assertTrue(names.add(a.file()), a.file() + " named twice");
        }
        assertTrue(RunArtifacts.records().stream().allMatch(a -> a.type() != null && a.file().endsWith(".json")));
        assertTrue(RunArtifacts.records().containsAll(java.util.List.of(RunDirectory.RUN, RunArtifacts.HESSIAN, RunArtifacts.MEASURES)));
    }

    @Test
    void anAnalysisWritesARecordNotAnyFile() {
        assertThrows(IllegalArgumentException.class, () -> Analysis.of(RunArtifacts.HESSIAN_PAGE, o -> null,
                (run, o, provenance, progress) -> null));
    }
}
