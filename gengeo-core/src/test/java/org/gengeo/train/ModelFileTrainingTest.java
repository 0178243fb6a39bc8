package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model-file}: a run resumed from its checkpoint (checkpoint.pt for the buffers)
 * ends with the same parameters and batch-norm statistics, bit for bit, as an uninterrupted one;
 * one full-batch SGD step of the scripted residual MLP equals
 * PyTorch's step of the same module in training mode (make_script_fixtures.py), parameters and
 * batch-norm running statistics to 1e-5 relative (float32; the batch is visited in shuffled order).
 */
class ModelFileTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void oneSgdStepOfATorchScriptModuleMatchesPyTorch() throws Exception {
        Path module = Path.of(getClass().getResource("/org/gengeo/core/script/resmlp.pt").toURI());
        Path data = Path.of(getClass().getResource("/org/gengeo/core/script/resmlp_x.npz").toURI());
        JsonNode sgd = Json.read(Path.of(getClass().getResource("/org/gengeo/core/script/resmlp_expected.json").toURI()),
                JsonNode.class).get("sgd");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("data", "fixture");
        options.put("train", data.toString());
        options.put("test", data.toString());
        options.put("model-file", module.toString());
        options.put("lr", sgd.get("lr").asDouble());
        options.put("momentum", 0.0);
        options.put("batch", 16);
        options.put("steps", 1L);
        options.put("threads", 1);
        Path out = tmp.resolve("run");
        Trainer.train(TrainConfig.fromPartial(options), out, "test", new TrainingListener() { });
        RunDirectory dir = RunDirectory.open(out);
        assertTrue(Files.isRegularFile(dir.module()) && Files.isRegularFile(dir.checkpointModule()));
        Map<String, TensorData> saved = Safetensors.read(dir.model()).tensors();
        String[] names = {"fc0.weight", "fc0.bias", "bn.weight", "bn.bias", "norm.weight", "norm.bias", "fc1.weight", "fc1.bias",
            "head.weight", "head.bias"};
        int at = 0;
        double scale = 0;
        for (JsonNode v : sgd.get("parameters")) {
            scale = Math.max(scale, Math.abs(v.asDouble()));
        }
        for (String n : names) {
            for (double v : saved.get(n).toDoubleArray()) {
                assertEquals(sgd.get("parameters").get(at++).asDouble(), v, 1e-5 * scale, n);
            }
        }
        assertEquals(sgd.get("parameters").size(), at);
        JsonNode mean = sgd.get("buffers").get("bn.running_mean");
        double[] got = saved.get("bn.running_mean").toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(mean.get(i).asDouble(), got[i], 1e-5, "bn.running_mean");
        }
    }

    @Test
    void aResumedModuleRunEndsBitForBitAsAnUninterruptedOne() throws Exception {
        Path module = Path.of(getClass().getResource("/org/gengeo/core/script/resmlp.pt").toURI());
        Path data = Path.of(getClass().getResource("/org/gengeo/core/script/resmlp_x.npz").toURI());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("data", "fixture");
        options.put("train", data.toString());
        options.put("test", data.toString());
        options.put("model-file", module.toString());
        options.put("lr", 0.1);
        options.put("batch", 4);
        options.put("log-every", 2);
        options.put("threads", 1);
        options.put("steps", 6L);
        Trainer.train(TrainConfig.fromPartial(options), tmp.resolve("whole"), "test", new TrainingListener() { });
        options.put("steps", 2L);
        Path part = tmp.resolve("part");
        Trainer.train(TrainConfig.fromPartial(options), part, "test", new TrainingListener() { });
        Map<String, Object> config = new LinkedHashMap<>(RunDirectory.open(part).readConfig().asMap());
        config.put("steps", 6L);
        Json.write(RunDirectory.open(part).config(), config);
        Trainer.resume(part, "test", new TrainingListener() { });
        Map<String, TensorData> whole = Safetensors.read(tmp.resolve("whole/model.safetensors")).tensors();
        Map<String, TensorData> resumed = Safetensors.read(part.resolve("model.safetensors")).tensors();
        assertEquals(whole.keySet(), resumed.keySet());
        assertTrue(whole.containsKey("bn.running_var"));
        whole.forEach((k, v) -> assertEquals(v, resumed.get(k), k));
    }
}
