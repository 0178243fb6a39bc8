package org.gengeo.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

/** Random crop and flip against crops worked out by hand, and the draws' ranges and order. */
class AugmentationTest {
    /**
     * A 2 x 3 x 3 image: channel 0 holds 1..9, channel 1 holds 11..19, row-major:
     * <pre>
     *   1 2 3    11 12 13
     *   4 5 6    14 15 16
     *   7 8 9    17 18 19
     * </pre>
     */
    static final double[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19};
    static final int[] SHAPE = {2, 3, 3};
    /** Raw black after normalisation, one value per channel. */
    static final double[] FILL = {-1, -2};

    private static double[] augment(Augmentation a, Augmentation.Draw d) {
        double[] out = new double[IMAGE.length];
        a.apply(IMAGE, 0, SHAPE, d, FILL, out, 0);
        return out;
    }

    @Test
    void cropOfThePaddedImageThenFlip() {
        Augmentation a = new Augmentation(1, true);
        // padded by 1 (f = fill); the crop at row 0, column 2 of the 5 x 5 padded channel 0 is
        //   f f f            flipped:  f f f
        //   2 3 f                      f 3 2
        //   5 6 f                      f 6 5
        assertArrayEquals(new double[] {-1, -1, -1, -1, 3, 2, -1, 6, 5, -2, -2, -2, -2, 13, 12, -2, 16, 15},
                augment(a, new Augmentation.Draw(0, 2, true)));
        // the crop at row 2, column 1, not flipped: rows 1..3 of the image shifted up by one, the last row padding
        assertArrayEquals(new double[] {4, 5, 6, 7, 8, 9, -1, -1, -1, 14, 15, 16, 17, 18, 19, -2, -2, -2},
                augment(a, new Augmentation.Draw(2, 1, false)));
        // the centre crop (offset = pad) is the image itself; flipped it is the mirror image
        assertArrayEquals(IMAGE, augment(a, new Augmentation.Draw(1, 1, false)));
        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 13, 12, 11, 16, 15, 14, 19, 18, 17},
                augment(a, new Augmentation.Draw(1, 1, true)));
    }

    @Test
    void aBatchDrawsEachExampleInOrderFromTheStream() {
        Augmentation a = new Augmentation(1, true);
        double[] batch = new double[3 * IMAGE.length];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(IMAGE, 0, batch, i * IMAGE.length, IMAGE.length);
        }
        double[] out = a.apply(batch, SHAPE, FILL, new SplittableRandom(42));
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 3; i++) {
            int dy = rng.nextInt(3);
            int dx = rng.nextInt(3);
            boolean flip = rng.nextBoolean();
            double[] expected = augment(a, new Augmentation.Draw(dy, dx, flip));
            double[] got = java.util.Arrays.copyOfRange(out, i * IMAGE.length, (i + 1) * IMAGE.length);
            assertArrayEquals(expected, got, "example " + i);
        }
        assertArrayEquals(batch, Augmentation.NONE.apply(batch, SHAPE, FILL, new SplittableRandom(1)));
    }

    @Test
    void drawsCoverEveryOffsetAndBothFlipsAndOnlyTheAskedParts() {
        Augmentation a = Augmentation.parse("crop4,flip");
        int[] offsets = new int[9];
        int flips = 0;
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 9000; i++) {
            Augmentation.Draw d = a.draw(rng);
            offsets[d.dy()]++;
            offsets[d.dx()]++;
            flips += d.flip() ? 1 : 0;
        }
        for (int k = 0; k < 9; k++) {
            assertTrue(offsets[k] > 1700 && offsets[k] < 2300, "offset " + k + " drawn " + offsets[k] + " times of 18000");
        }
        assertTrue(flips > 4300 && flips < 4700, flips + " flips of 9000");
        Augmentation.Draw flipOnly = Augmentation.parse("flip").draw(new SplittableRandom(3));
        assertEquals(0, flipOnly.dy());
        assertEquals(0, flipOnly.dx());
        assertFalse(Augmentation.parse("crop2").draw(new SplittableRandom(3)).flip());
    }

    @Test
    void specsParseAndPrintBack() {
        assertEquals(new Augmentation(4, true), Augmentation.parse("crop4,flip"));
        assertEquals(new Augmentation(4, true), Augmentation.parse("flip, crop4"));
        assertEquals("crop4,flip", Augmentation.parse("flip,crop4").spec());
        assertEquals(Augmentation.NONE, Augmentation.parse(null));
        assertEquals(Augmentation.NONE, Augmentation.parse("none"));
        assertEquals("none", Augmentation.NONE.spec());
        for (String bad : new String[] {"crop", "crop0", "crop4,crop2", "flip,flip", "rotate", "crop4,"}) {
            GengeoException e = assertThrows(GengeoException.class, () -> Augmentation.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--augment: '"), e.getMessage());
        }
        GengeoException flat = assertThrows(GengeoException.class, () -> Augmentation.parse("flip").check(new int[] {784}));
        assertEquals("--augment flip needs images [C, H, W], but the examples have shape [784]", flat.getMessage());
        Augmentation.NONE.check(new int[] {784});
    }
}
