package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Precision;
import org.junit.jupiter.api.Test;

/** Which parameters weight decay skips, by their role in the architecture. */
class DecayExclusionTest {
    private static List<String> decayedNames(String spec, String exclude) {
        try (Network net = Network.initialise(Architecture.parse(spec), Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32)) {
            boolean[] decayed = DecayExclusion.parse(exclude).decayed(net);
            List<String> names = new ArrayList<>(net.parameters().keySet());
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < decayed.length; i++) {
                if (decayed[i]) {
                    kept.add(names.get(i));
                }
            }
            return kept;
        }
    }

    @Test
    void batchNormAndBiasParametersAreSkippedByRole() {
        String cnn = "cnn:3x8x8-c4k3p1-m2-6-10:bn";
        List<String> all = decayedNames(cnn, null);
        assertEquals(List.of("conv0.weight", "conv0.bias", "conv0_bn.weight", "conv0_bn.bias", "fc0.weight", "fc0.bias",
                "fc0_bn.weight", "fc0_bn.bias", "fc1.weight", "fc1.bias"), all);
        assertEquals(List.of("conv0.weight", "conv0_bn.weight", "fc0.weight", "fc0_bn.weight", "fc1.weight"), decayedNames(cnn, "bias"));
        assertEquals(List.of("conv0.weight", "conv0.bias", "fc0.weight", "fc0.bias", "fc1.weight", "fc1.bias"), decayedNames(cnn, "bn"));
        assertEquals(List.of("conv0.weight", "fc0.weight", "fc1.weight"), decayedNames(cnn, "bn,bias"));
        // independently of names: with both excluded, exactly the weight matrices and kernels (2-D or more) are decayed
        try (Network net = Network.initialise(Architecture.parse(cnn), Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32)) {
            List<String> matrices = new ArrayList<>();
            net.parameters().forEach((name, p) -> {
                if (p.getShape().dimension() >= 2) {
                    matrices.add(name);
                }
            });
            assertEquals(matrices, decayedNames(cnn, "bn,bias"));
        }
        assertEquals(List.of("fc0.weight", "fc1.weight"), decayedNames("mlp:5-4-3", "bn,bias"));
        assertEquals(List.of("fc0.weight", "fc0.bias", "fc1.weight", "fc1.bias"), decayedNames("mlp:5-4-3", "bn"));
    }

    @Test
    void specsParse() {
        assertEquals(new DecayExclusion(true, true), DecayExclusion.parse("bias, BN"));
        assertEquals(DecayExclusion.NONE, DecayExclusion.parse("none"));
        assertEquals("--weight-decay-exclude takes bn and/or bias (e.g. bn,bias), got 'weights'",
                assertThrows(GengeoException.class, () -> DecayExclusion.parse("bn,weights")).getMessage());
    }

    @Test
    void aConfigWithoutExclusionDecaysEverything() {
        try (Network net = Network.initialise(Architecture.parse("mlp:5-4-3"), Activation.RELU, 0, Init.parse("he"), 1, Precision.FLOAT32)) {
            assertEquals(null, WeightDecay.of(TrainConfig.defaults(), net).decayed());
            assertArrayEquals(new boolean[] {true, false, true, false},
                    WeightDecay.of(TrainConfig.defaults().with("weight-decay-exclude", "bias"), net).decayed());
        }
    }
}
