package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.ForwardPass;
import org.gengeo.core.model.Loss;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.measures.TrainingLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gengeo import against PyTorch's values (make_script_fixtures.py): an nn.Sequential state_dict
 * with --arch (logits to 1e-6), a TorchScript module whose loss and gradient through
 * {@link TrainingLoss} (the path every curvature measure takes) match PyTorch's to 1e-5 relative and
 * which is left unchanged by an evaluation at other weights; and every bad input the issue names,
 * each a one-line error naming the file with no run directory left behind.
 */
class ModelImportTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) throws Exception {
        return Path.of(ModelImportTest.class.getResource("/org/gengeo/core/script/" + name).toURI());
    }

    static JsonNode expected(String name) throws Exception {
        return Json.read(fixture(name), JsonNode.class);
    }

    /** A NumPy .npy file (version 1) holding {@code data} of element type {@code descr}. */
    static void npy(Path file, String descr, long[] shape, byte[] data) throws Exception {
        StringBuilder s = new StringBuilder("(");
        for (long d : shape) {
            s.append(d).append(", ");
        }
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s.append(")") + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        Files.write(file, b.array());
    }

    static byte[] floats(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putFloat((float) x);
        }
        return b.array();
    }

    static byte[] longs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    private Map<String, Object> files(String x, String y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", "fixture");
        m.put("train", x + "," + y);
        m.put("test", x + "," + y);
        return m;
    }

    @Test
    void sequentialSafetensorsMapsIndicesToGengeoNamesAndGivesPyTorchsLogits() throws Exception {
        JsonNode exp = expected("seq_mlp_expected.json");
        double[] x = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = exp.get("x").get(i).asDouble();
        }
        npy(tmp.resolve("x.npy"), "<f4", new long[] {3, 4}, floats(x));
        npy(tmp.resolve("y.npy"), "<i8", new long[] {3}, longs(0, 1, 2));
        List<String> shown = new ArrayList<>();
        Path out = tmp.resolve("run");
        ModelImport.Record r = ModelImport.run(fixture("seq_mlp.safetensors"), "mlp:4-5-3", null, null,
                files(tmp.resolve("x.npy").toString(), tmp.resolve("y.npy").toString()), out, "test", shown::add);
        assertEquals(Map.of("0.weight", "fc0.weight", "0.bias", "fc0.bias", "2.weight", "fc1.weight", "2.bias", "fc1.bias"), r.names());
        assertEquals(4, shown.size());
        try (LoadedRun run = LoadedRun.open(RunDirectory.open(out), null); NDManager m = TensorEngine.newManager()) {
            NDArray logits = run.network().forward(m.create(toFloats(x), new Shape(3, 4)),
                    ForwardPass.inference());
            double[] got = Tensors.doubles(logits);
            for (int i = 0; i < got.length; i++) {
                assertEquals(exp.get("logits").get(i).asDouble(), got[i], 1e-6, "logit " + i);
            }
        }
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @Test
    void importedModuleLossAndGradientThroughTrainingLossMatchPyTorchAndLeaveTheModuleAsItWas() throws Exception {
        JsonNode exp = expected("resmlp_expected.json");
        Path out = tmp.resolve("run");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("data", "fixture");
        data.put("train", fixture("resmlp_x.npz").toString());
        data.put("test", fixture("resmlp_x.npz").toString());
        ModelImport.run(fixture("resmlp.pt"), null, null, null, data, out, "test", s -> { });
        RunDirectory dir = RunDirectory.open(out);
        assertTrue(Files.isRegularFile(dir.module()));
        assertEquals("model.pt", dir.readConfig().modelFile());
        Map<String, TensorData> saved = Safetensors.read(dir.model()).tensors();
        assertTrue(saved.containsKey("bn.running_mean") && saved.containsKey("head.weight"), saved.keySet().toString());
        try (LoadedRun run = LoadedRun.open(dir, null); NDManager m = TensorEngine.newManager()) {
            TrainingLoss loss = new TrainingLoss(run.network(), new DeviceData(run.data().train(), m, run.network().precision()),
                    Loss.CROSS_ENTROPY, 7);
            double[] w = loss.centre();
            double[] g = new double[w.length];
            assertEquals(exp.get("loss").asDouble(), loss.valueAndGradient(w, g), 1e-5);
            double scale = 0;
            for (JsonNode v : exp.get("gradient")) {
                scale = Math.max(scale, Math.abs(v.asDouble()));
            }
            for (int i = 0; i < g.length; i++) {
                assertEquals(exp.get("gradient").get(i).asDouble(), g[i], 1e-5 * scale, "gradient " + i);
            }
            double[] moved = w.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += 0.05;
            }
            double other = loss.valueAndGradient(moved, g);
            assertTrue(Math.abs(other - exp.get("loss").asDouble()) > 1e-3, "the loss at other weights differs");
            assertArrayEquals(w, loss.centre(), 0.0, "the module's own weights are restored");
        }
    }

    private void refused(Path model, Map<String, Object> data, String... words) {
        Path out = tmp.resolve("refused");
        GengeoException e = assertThrows(GengeoException.class, () -> ModelImport.run(model, null, null, null, data, out, "t", s -> { }));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), e.getMessage());
        }
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(Files.exists(tmp.resolve(".refused.importing")), "no staging directory left");
    }

    @Test
    void badModulesAndDataAreRefusedInOneLineWithNothingWritten() throws Exception {
        Map<String, Object> cnnData = files(fixture("cnn_x.npy").toString(), fixture("cnn_y.npy").toString());
        Map<String, Object> mlpData = new LinkedHashMap<>();
        mlpData.put("data", "fixture");
        mlpData.put("train", fixture("resmlp_x.npz").toString());
        mlpData.put("test", fixture("resmlp_x.npz").toString());
        refused(fixture("checkpoint.pth"), cnnData, "checkpoint.pth", "torch.save", "torch.jit.save");
        refused(fixture("cnn_x.npy"), cnnData, "cnn_x.npy", "not a TorchScript file");
        refused(fixture("resmlp.pt"), cnnData, "resmlp.pt", "rejects input of shape");
        refused(fixture("nonfinite.pt"), mlpData, "nonfinite.pt", "non-finite");
        refused(fixture("intparam.pt"), mlpData, "intparam.pt", "steps", "not floating point");
        npy(tmp.resolve("y10.npy"), "<i8", new long[] {16}, longs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5));
        refused(fixture("cnn.pt"), files(fixture("cnn_x.npy").toString(), tmp.resolve("y10.npy").toString()),
                "cnn.pt", "3 outputs", "10 classes");
        Path nan = tmp.resolve("nan.safetensors");
        Map<String, TensorData> t = new LinkedHashMap<>(Safetensors.read(fixture("seq_mlp.safetensors")).tensors());
        t.put("0.bias", TensorData.ofFloats(new long[] {5}, new float[] {0, Float.NaN, 0, 0, 0}));
        Safetensors.write(nan, t, Map.of());
        Path out = tmp.resolve("refused");
        GengeoException e = assertThrows(GengeoException.class,
                () -> ModelImport.run(nan, "mlp:4-5-3", null, null, cnnData, out, "t", s -> { }));
        assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("nan.safetensors"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
