package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CNN written by PyTorch (make_torch_fixture.py, torch 1.13) loads into gengeo and gives
 * PyTorch's logits; gengeo's own model files round-trip exactly.
 */
class PyTorchInteropTest {
    @TempDir
    Path tmp;

    @Test
    void pyTorchWrittenModelEvaluatesIdentically() throws Exception {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("torch_cnn_expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        Path file = tmp.resolve("torch_cnn.safetensors");
        try (InputStream in = getClass().getResourceAsStream("torch_cnn.safetensors")) {
            Files.copy(in, file);
        }
        int n = expected.get("x").size();
        float[] x = new float[n * 64];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 64; j++) {
                x[i * 64 + j] = (float) expected.get("x").get(i).get(j).asDouble();
            }
        }
        try (Network net = NetworkFiles.load(file); NDManager m = TensorEngine.newManager()) {
            assertEquals("cnn:1x8x8-c3k3p1-m2-c4k3-8-3", net.architecture().spec());
            assertEquals(Activation.TANH, net.activation());
            assertEquals(Precision.FLOAT32, net.precision());
            double[] logits = Tensors.doubles(net.forward(m.create(x, new Shape(n, 64)), ForwardPass.inference()));
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(expected.get("logits").get(i).get(k).asDouble(), logits[i * 3 + k], 1e-5, "logit " + i + "," + k);
                }
            }
        }
    }

    @Test
    void modelFilesRoundTripBitForBit() {
        TensorEngine.ensureStarted();
        Path file = tmp.resolve("m.safetensors");
        for (Precision p : Precision.values()) {
            try (Network net = Network.initialise(Architecture.parse("cnn:1x6x6-c2k3-m2-4-3"), Activation.RELU, 0.25,
                    Init.parse("xavier"), 9, p)) {
                NetworkFiles.save(file, net, "{\"test\":true}");
                SafetensorsFile parsed = Safetensors.read(file);
                assertEquals("0.25", parsed.metadata().get(NetworkFiles.DROPOUT));
                try (Network back = NetworkFiles.load(file)) {
                    assertEquals(p, back.precision());
                    assertEquals(0.25, back.dropout());
                    for (Map.Entry<String, TensorData> e : net.toTensors().entrySet()) {
                        assertArrayEquals(e.getValue().data(), back.toTensors().get(e.getKey()).data(), e.getKey());
                    }
                }
            }
        }
    }

    @Test
    void wrongShapesAndMissingMetadataAreNamed() {
        TensorEngine.ensureStarted();
        Path file = tmp.resolve("bad.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("fc0.weight", TensorData.ofFloats(new long[] {3, 5}, new float[15]));
        Safetensors.write(file, tensors, Map.of(NetworkFiles.ARCH, "mlp:4-3"));
        GengeoException e = assertThrows(GengeoException.class, () -> NetworkFiles.load(file));
        assertTrue(e.getMessage().contains("'fc0.weight' has shape [3, 5] but mlp:4-3 needs [3, 4]"), e.getMessage());
        Safetensors.write(file, tensors, Map.of());
        e = assertThrows(GengeoException.class, () -> NetworkFiles.load(file));
        assertTrue(e.getMessage().contains("no 'gengeo.arch'"), e.getMessage());
        Safetensors.write(file, tensors, Map.of(NetworkFiles.ARCH, "mlp:5-3"));
        e = assertThrows(GengeoException.class, () -> NetworkFiles.load(file));
        assertTrue(e.getMessage().contains("'fc0.bias' of mlp:5-3 is missing"), e.getMessage());
    }
}
