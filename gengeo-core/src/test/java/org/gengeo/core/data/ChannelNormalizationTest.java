package org.gengeo.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

/** Per-channel normalisation against values worked out by hand. */
class ChannelNormalizationTest {
    /** Two images of shape [2, 1, 3]: channel 0 holds 0, 0.25, 0.5 and 0.75, 1, 0.5; channel 1 is constant 0.2. */
    static Dataset images() {
        float[] x = {0f, 0.25f, 0.5f, 0.2f, 0.2f, 0.2f,
                     0.75f, 1f, 0.5f, 0.2f, 0.2f, 0.2f};
        return new Dataset("two", new int[] {2, 1, 3}, x, new int[] {0, 1}, 2);
    }

    @Test
    void trainingSetStatisticsArePerChannelPopulationMoments() {
        ChannelNormalization n = ChannelNormalization.of("channel", images());
        // channel 0: mean of {0, .25, .5, .75, 1, .5} = 3/6 = 0.5; squared deviations .25+.0625+0+.0625+.25+0 = .625, /6
        assertEquals(0.5, n.mean()[0], 1e-15);
        assertEquals(Math.sqrt(0.625 / 6), n.std()[0], 1e-15);
        assertEquals(0.2, n.mean()[1], 1e-7);
        assertEquals(1.0, n.std()[1], "a constant channel keeps std 1");
        assertEquals(ChannelNormalization.TRAINING_SET, n.source());
        Dataset y = n.apply(images());
        float s = (float) Math.sqrt(0.625 / 6);
        assertEquals(-0.5f / s, y.features()[0], 1e-6);
        assertEquals(0.5f / s, y.features()[7], 1e-6);
        assertEquals(0f, y.features()[3], 1e-7);
        assertEquals(0f, y.features()[11], 1e-7);
    }

    @Test
    void givenValuesAreUsedAsTheyAre() {
        ChannelNormalization n = ChannelNormalization.of("0.5,0.25:0.5,2", images());
        assertArrayEquals(new double[] {0.5, 0.25}, n.mean());
        assertArrayEquals(new double[] {0.5, 2}, n.std());
        assertEquals(ChannelNormalization.GIVEN, n.source());
        Dataset y = n.apply(images());
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, -0.025f, -0.025f, -0.025f, 0.5f, 1f, 0f, -0.025f, -0.025f, -0.025f},
                y.features(), 1e-7f);
    }

    @Test
    void badSpecsAndShapesAreOneLineErrors() {
        String[][] cases = {
            {"0.5", "--normalize must be 'channel' or MEAN,...:STD,... (one value per channel, e.g. "
                    + "0.4914,0.4822,0.4465:0.2470,0.2435,0.2616), got '0.5'"},
            {"a,b:1,1", "--normalize must be 'channel' or MEAN,...:STD,... (one value per channel, e.g. "
                    + "0.4914,0.4822,0.4465:0.2470,0.2435,0.2616), got 'a,b:1,1'"},
            {"0,0:1", "--normalize 0,0:1: 2 means but 1 standard deviations"},
            {"0,0:1,0", "--normalize 0,0:1,0: channel 1 needs a finite mean and a positive standard deviation"},
            {"0,NaN:1,1", "--normalize 0,NaN:1,1: channel 1 needs a finite mean and a positive standard deviation"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], assertThrows(GengeoException.class, () -> ChannelNormalization.check(c[0])).getMessage());
        }
        assertEquals("--normalize 0,0,0:1,1,1 gives 3 channels but 'two' has 2",
                assertThrows(GengeoException.class, () -> ChannelNormalization.of("0,0,0:1,1,1", images())).getMessage());
        Dataset flat = new Dataset("flat", new int[] {6}, images().features(), new int[] {0, 1}, 2);
        assertEquals("--normalize works per image channel, but 'flat' has examples of shape [6], not [C, H, W] (use --standardize)",
                assertThrows(GengeoException.class, () -> ChannelNormalization.of("channel", flat)).getMessage());
    }
}
