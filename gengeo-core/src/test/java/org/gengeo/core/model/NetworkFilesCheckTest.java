package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.DType;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Model files whose tensors cannot be a trained model's weights are refused where they are loaded. */
class NetworkFilesCheckTest {
    private static final String ARCH = "mlp:3-2";

    @BeforeAll
    static void engine() {
        TensorEngine.start(1);
    }

    private static SafetensorsFile file(TensorData weight) {
        Map<String, TensorData> t;
        try (Network net = Network.initialise(Architecture.parse(ARCH), Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32)) {
            t = new LinkedHashMap<>(net.toTensors());
        }
        String name = t.keySet().stream().filter(k -> k.endsWith(".weight")).findFirst().orElseThrow();
        assertEquals("fc0.weight", name);
        t.put(name, weight);
        return new SafetensorsFile(t, Map.of(NetworkFiles.ARCH, ARCH));
    }

    private static String refused(TensorData weight) {
        return assertThrows(GengeoException.class, () -> NetworkFiles.load(file(weight), null, "m.safetensors")).getMessage();
    }

    private static TensorData weight(float bad) {
        return TensorData.ofFloats(new long[] {2, 3}, new float[] {0.1f, -0.2f, 0.3f, bad, 0.5f, 0.6f});
    }

    @Test
    void nanInfinityAndHugeWeightsAreRefused() {
        assertEquals("m.safetensors: tensor 'fc0.weight' holds NaN at flat index 3 (a diverged or corrupt model)", refused(weight(Float.NaN)));
        assertTrue(refused(weight(Float.NEGATIVE_INFINITY)).contains("holds -Infinity at flat index 3"));
        String huge = refused(weight(1e38f));
        assertTrue(huge.contains("beyond the largest usable weight magnitude 1.8e+19"), huge);
        // just below the bound loads
        try (Network net = NetworkFiles.load(file(weight(1.8e19f)), null, "m.safetensors")) {
            assertEquals(Precision.FLOAT32, net.precision());
        }
    }

    @Test
    void integerTensorsAreNotReadAsWeights() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            b.putInt(1 << 30);
        }
        String e = refused(new TensorData(DType.I32, new long[] {2, 3}, b.array()));
        assertEquals("m.safetensors: tensor 'fc0.weight' is stored as I32; parameters must be a floating-point type"
                + " (F16, BF16, F32 or F64)", e);
        // half precision is a float type and loads
        NetworkFiles.load(file(new TensorData(DType.F16, new long[] {2, 3}, new byte[12])), null, "m.safetensors").close();
    }
}
