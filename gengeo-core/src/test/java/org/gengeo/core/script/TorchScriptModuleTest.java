package org.gengeo.core.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.Npy;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Loss;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.SecondOrder;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TorchScript modules loaded through DJL against PyTorch for Python's values, computed by
 * {@code make_script_fixtures.py} (float32 on both sides). Tolerances: logits and loss 1e-5
 * absolute; gradient, Hv and the SGD step 1e-5 relative to the largest entry (float32 rounding of
 * sums over 16 examples and a few hundred parameters differs by a few ulps between libtorch
 * 1.13 and 2.7); buffers 1e-6.
 */
class TorchScriptModuleTest {
    static Path fixture(String name) {
        try {
            return Path.of(TorchScriptModuleTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected(String model) {
        return Json.read(fixture(model + "_expected.json"), JsonNode.class);
    }

    static TensorData[] data(String model) {
        if (model.equals("resmlp")) {
            Map<String, TensorData> a = Npy.readArchive(fixture("resmlp_x.npz"));
            return new TensorData[] {a.get("x"), a.get("y")};
        }
        return new TensorData[] {Npy.read(fixture("cnn_x.npy")), Npy.read(fixture("cnn_y.npy"))};
    }

    static NDArray input(NDManager m, TensorData x) {
        return m.create(x.toFloatArray(), new Shape(x.shape()));
    }

    static NDArray labels(NDManager m, TensorData y) {
        double[] d = y.toDoubleArray();
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = (long) d[i];
        }
        return m.create(l);
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static double[] flat(List<NDArray> arrays) {
        List<Double> all = new ArrayList<>();
        for (NDArray a : arrays) {
            for (double v : Tensors.doubles(a)) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void assertClose(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relTol * Math.max(scale, 1e-3), what + "[" + i + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"resmlp", "cnn"})
    void logitsLossGradientAndHvMatchPyTorch(String model) {
        JsonNode exp = expected(model);
        TensorData[] d = data(model);
        try (TorchScriptModule module = TorchScriptModule.load(fixture(model + ".pt"));
             NDManager m = TensorEngine.newManager()) {
            List<String> names = new ArrayList<>(module.parameters().keySet());
            List<String> want = new ArrayList<>();
            exp.get("parameters").forEach(p -> want.add(p.get("name").asText()));
            assertEquals(want, names);
            List<NDArray> params = new ArrayList<>(module.parameters().values());
            NDArray x = input(m, d[0]);
            NDArray y = labels(m, d[1]);
            double[] v = doubles(exp.get("v"));
            List<NDArray> vs = new ArrayList<>();
            int at = 0;
            for (NDArray p : params) {
                int n = (int) p.size();
                float[] part = new float[n];
                for (int i = 0; i < n; i++) {
                    part[i] = (float) v[at + i];
                }
                at += n;
                vs.add(m.create(part, p.getShape()));
            }
            double[][] results = Autograd.recording(() -> {
                NDArray logits = module.forward(x);
                NDArray loss = Loss.CROSS_ENTROPY.mean(logits, y);
                List<NDArray> g = SecondOrder.vectorJacobianProduct(loss, params, m.create(1f));
                List<NDArray> hv = SecondOrder.hessianVectorProduct(loss, params, vs);
                return new double[][] {Tensors.doubles(logits), {Tensors.scalar(loss)}, flat(g), flat(hv)};
            });
            assertClose(doubles(exp.get("logits")), results[0], 1e-5, "logits");
            assertEquals(exp.get("loss").asDouble(), results[1][0], 1e-5, "loss");
            assertClose(doubles(exp.get("gradient")), results[2], 1e-5, "gradient");
            assertClose(doubles(exp.get("hv")), results[3], 1e-5, "Hv");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"resmlp", "cnn"})
    void buffersAndOneSgdStepInTrainingModeMatchPyTorch(String model) {
        JsonNode exp = expected(model);
        TensorData[] d = data(model);
        try (TorchScriptModule module = TorchScriptModule.load(fixture(model + ".pt"));
             NDManager m = TensorEngine.newManager()) {
            Map<String, TensorData> state = module.stateDict();
            exp.get("buffers").fields().forEachRemaining(e ->
                    assertClose(doubles(e.getValue()), state.get(e.getKey()).toDoubleArray(), 1e-6, e.getKey()));
            assertTrue(state.keySet().containsAll(module.parameters().keySet()), "state_dict holds every parameter");
            List<NDArray> params = new ArrayList<>(module.parameters().values());
            module.training(true);
            NDArray x = input(m, d[0]);
            NDArray y = labels(m, d[1]);
            double lr = exp.get("sgd").get("lr").asDouble();
            List<NDArray> g = new ArrayList<>();
            double loss = Autograd.recording(() -> {
                NDArray l = Loss.CROSS_ENTROPY.mean(module.forward(x), y);
                g.addAll(SecondOrder.vectorJacobianProduct(l, params, m.create(1f)));
                return Tensors.scalar(l);
            });
            for (int i = 0; i < params.size(); i++) {
                params.get(i).subi(g.get(i).mul(lr));
            }
            assertEquals(exp.get("sgd").get("trainLoss").asDouble(), loss, 1e-5, "training-mode loss");
            assertClose(doubles(exp.get("sgd").get("parameters")), flat(params), 1e-5, "parameters after the step");
            Map<String, TensorData> after = module.stateDict();
            exp.get("sgd").get("buffers").fields().forEachRemaining(e ->
                    assertClose(doubles(e.getValue()), after.get(e.getKey()).toDoubleArray(), 1e-5, e.getKey() + " after the step"));
        }
    }
}
