package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.gengeo.core.tensor.Batch;

/**
 * Three full-batch steps of each optimiser setting against PyTorch's own optimisers on the same
 * float64 network and batch (reference written by make_optimizer_reference.py with torch 1.13); the
 * "-nobias" settings keep the biases in a PyTorch parameter group without weight decay.
 */
class OptimizerReferenceTest {
    private static JsonNode reference() throws Exception {
        try (InputStream in = OptimizerReferenceTest.class.getResourceAsStream("optimizer_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd-momentum", "sgd-nesterov", "sgd-l2", "sgd-decoupled", "sgd-l2-nobias", "sgd-decoupled-nobias",
        "adam", "adam-l2", "adamw"})
    void matchesPyTorch(String setting) throws Exception {
        JsonNode ref = reference();
        JsonNode s = ref.get("settings").get(setting);
        double lr = s.get("lr").asDouble();
        boolean decoupled = s.has("decoupled");
        double wd = decoupled ? s.get("decoupled").asDouble() : s.path("weight_decay").asDouble(0);
        TrainConfig config = TrainConfig.defaults().with(Map.of("opt", s.get("opt").asText(), "lr", lr,
                "momentum", s.path("momentum").asDouble(0), "nesterov", s.path("nesterov").asBoolean(false),
                "weight-decay", wd, "weight-decay-mode", decoupled ? "decoupled" : "l2"))
                .with("weight-decay-exclude", s.has("exclude") ? s.get("exclude").asText() : null).validate();

        Map<String, TensorData> init = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("initial").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long[] shape = new long[e.getValue().get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().get("shape").get(i).asLong();
            }
            init.put(e.getKey(), TensorData.ofDoubles(shape, doubles(e.getValue().get("values"))));
        }
        TensorEngine.ensureStarted();
        try (Network net = Network.fromTensors(Architecture.parse("mlp:4-3-2"), Activation.TANH, 0, init, Precision.FLOAT64, "reference");
             NDManager m = TensorEngine.newManager()) {
            JsonNode xs = ref.get("x");
            double[] x = new double[xs.size() * 4];
            for (int n = 0; n < xs.size(); n++) {
                for (int i = 0; i < 4; i++) {
                    x[n * 4 + i] = xs.get(n).get(i).asDouble();
                }
            }
            long[] y = new long[ref.get("y").size()];
            for (int n = 0; n < y.length; n++) {
                y[n] = ref.get("y").get(n).asLong();
            }
            Batch batch = new Batch(m.create(x, new Shape(y.length, 4)), m.create(y));
            GradientOracle oracle = new GradientOracle(net, Loss.CROSS_ENTROPY, WeightDecay.of(config, net), 0, null);
            Optimizer opt = Optimizers.create(config, net);
            JsonNode result = ref.get("results").get(setting);
            for (int step = 0; step < 3; step++) {
                oracle.atStep(step);
                double loss = opt.step(net.parameterList(), batch, oracle, lr);
                assertEquals(result.get("losses").get(step).asDouble(), loss, 1e-12, "loss at step " + step);
            }
            for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
                assertArrayEquals(doubles(result.get("params").get(p.getKey())), Tensors.doubles(p.getValue()), 1e-12, p.getKey());
            }
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
