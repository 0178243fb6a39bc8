package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads {@code torch_mlp.safetensors}, written from PyTorch 1.13 by {@code make_torch_fixture.py}
 * in the safetensors library's byte layout: a float32 MLP 4-5-3 (fc0, ReLU, fc1) with weights in
 * PyTorch's [out, in] layout. The forward pass computed here in double arithmetic from the read
 * tensors must reproduce PyTorch's logits for the stored input batch.
 */
class SafetensorsTorchFixtureTest {
    private static Path resource(String name) throws Exception {
        return Path.of(SafetensorsTorchFixtureTest.class.getResource(name).toURI());
    }

    @Test
    void readsTheTorchFileAndReproducesItsLogits() throws Exception {
        SafetensorsFile f = Safetensors.read(resource("torch_mlp.safetensors"));
        assertEquals(List.of("fc0.bias", "fc0.weight", "fc1.bias", "fc1.weight"), List.copyOf(f.tensors().keySet()));
        assertEquals(Map.of("gengeo.arch", "mlp:4-5-3", "gengeo.activation", "relu",
                "gengeo.provenance", "{\"writer\": \"pytorch\"}"), f.metadata());
        Map<String, TensorData> t = f.tensors();
        for (TensorData d : t.values()) {
            assertEquals(DType.F32, d.dtype());
        }
        assertArrayEquals(new long[] {5, 4}, t.get("fc0.weight").shape());
        assertArrayEquals(new long[] {5}, t.get("fc0.bias").shape());
        assertArrayEquals(new long[] {3, 5}, t.get("fc1.weight").shape());
        assertArrayEquals(new long[] {3}, t.get("fc1.bias").shape());

        JsonNode expected = new ObjectMapper().readTree(resource("torch_mlp_expected.json").toFile());
        JsonNode input = expected.get("input");
        assertEquals(3, input.size());
        for (int n = 0; n < input.size(); n++) {
            double[] x = new double[4];
            for (int i = 0; i < 4; i++) {
                x[i] = input.get(n).get(i).doubleValue();
            }
            double[] h = linear(t.get("fc0.weight"), t.get("fc0.bias"), x);
            for (int j = 0; j < h.length; j++) {
                h[j] = Math.max(0, h[j]);
            }
            double[] y = linear(t.get("fc1.weight"), t.get("fc1.bias"), h);
            assertEquals(3, y.length);
            for (int k = 0; k < 3; k++) {
                assertEquals(expected.get("logits").get(n).get(k).doubleValue(), y[k], 1e-5, "float32 logit " + n + "," + k);
                // The same weights evaluated by PyTorch in float64: agreement to rounding error.
                assertEquals(expected.get("logits_float64").get(n).get(k).doubleValue(), y[k], 1e-12, "float64 logit " + n + "," + k);
            }
        }
    }

    @Test
    void rewritingTheTorchFileReproducesItsBytes() throws Exception {
        byte[] original = java.nio.file.Files.readAllBytes(resource("torch_mlp.safetensors"));
        SafetensorsFile f = Safetensors.read(original, "torch_mlp.safetensors");
        assertArrayEquals(original, Safetensors.toBytes(f.tensors(), f.metadata()),
                "same layout as the safetensors library for sorted names of one dtype");
    }

    /** y = W x + b with W in PyTorch's [out, in] layout, row-major. */
    private static double[] linear(TensorData weight, TensorData bias, double[] x) {
        int out = (int) weight.shape()[0];
        int in = (int) weight.shape()[1];
        assertEquals(x.length, in);
        double[] w = weight.toDoubleArray();
        double[] y = bias.toDoubleArray();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                y[o] += w[o * in + i] * x[i];
            }
        }
        return y;
    }
}
