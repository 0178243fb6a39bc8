package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;
import org.gengeo.core.tensor.TensorEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The folded network (W' = diag(gamma / sqrt(var + eps)) W, b' = gamma (b - mu) / sqrt(var + eps) + beta)
 * gives the evaluation-mode outputs of the batch-norm network: to 1e-12 relative in float64 and
 * 1e-6 in float32, for dense and convolutional layers, with and without biases.
 */
class BatchNormFoldingTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "mlp:6-8-5-3:bn, float64, 1e-12",
        "mlp:6-8-5-3:bn, float32, 1e-6",
        "mlp:6-8-1:nobias:bn, float64, 1e-12",
        "cnn:2x6x6-c3k3p1-m2-c4k2-5-3:bn, float64, 1e-12",
        "cnn:2x6x6-c3k3p1-m2-c4k2-5-3:nobias:bn, float32, 1e-6",
    })
    void foldedNetworkHasTheSameOutputs(String spec, String dtype, double tolerance) {
        TensorEngine.ensureStarted();
        Architecture arch = Architecture.parse(spec);
        int n = 7;
        try (Network net = Network.fromTensors(arch, Activation.RELU, 0, BatchNormFixtures.randomTensors(arch, 5),
                Precision.parse(dtype), "test");
             Network folded = BatchNormFolding.fold(net);
             NDManager m = TensorEngine.newManager()) {
            assertFalse(folded.architecture().batchNorm());
            assertEquals(BatchNormFolding.foldedSpec(spec), folded.architecture().spec());
            var x = m.create(BatchNormFixtures.gaussian(n * arch.inputSize(), 8), new Shape(n, arch.inputSize()))
                    .toType(Precision.parse(dtype).dataType(), false);
            double[] a = Tensors.doubles(net.forward(x, ForwardPass.inference()));
            double[] b = Tensors.doubles(folded.forward(x, ForwardPass.inference()));
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertEquals(0, diff / scale, tolerance, "max |f_bn - f_folded| / max |f_bn|");
        }
    }
}
