package org.gengeo.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gengeo.core.GengeoException;

/**
 * The standard CIFAR training augmentation (He et al. 2016, Sec. 4.2, after Lee et al. 2015): a
 * random crop of the image padded by {@code pad} pixels on each side, then a random horizontal flip,
 * as torchvision's {@code RandomCrop(size, padding=pad)} followed by {@code RandomHorizontalFlip()}.
 * For an image x of shape [C, H, W] and a draw (dy, dx, flip) with dy, dx uniform in 0..2 pad and
 * flip a fair coin:
 * <pre>
 *   crop[c, h, w] = padded[c, h + dy, w + dx],  padded[c, i, j] = x[c, i - pad, j - pad] inside, fill[c] outside
 *   out[c, h, w]  = crop[c, h, W - 1 - w] if flip, else crop[c, h, w]
 * </pre>
 * The padding is zero in raw pixels (black), so {@code fill} is what a raw 0 became under the
 * split's normalisation ({@link DataSplit#black()}), as when torchvision pads before {@code Normalize}.
 * An example's draw takes, in this order, dy and dx ({@code nextInt(2 pad + 1)}, when cropping) and
 * flip ({@code nextBoolean()}, when flipping) from the stream it is given; a batch draws its
 * examples in batch order.
 *
 * @param pad  padding of the random crop in pixels, 0 for no crop
 * @param flip whether a random horizontal flip follows
 */
public record Augmentation(int pad, boolean flip) {
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    /** One example's random choices: crop offsets into the padded image, and the flip. */
    public record Draw(int dy, int dx, boolean flip) {}

    /**
     * Parses {@code --augment}: a comma-separated list of {@code cropP} (random crop with P-pixel
     * padding, P at least 1) and {@code flip}; null, empty or {@code none} is {@link #NONE}.
     *
     * @throws GengeoException naming the bad item
     */
    public static Augmentation parse(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("none")) {
            return NONE;
        }
        int pad = 0;
        boolean flip = false;
        for (String item : spec.split(",", -1)) {
            String t = item.trim();
            if (t.equals("flip") && !flip) {
                flip = true;
            } else if (t.matches("crop[0-9]{1,3}") && pad == 0 && Integer.parseInt(t.substring(4)) >= 1) {
                pad = Integer.parseInt(t.substring(4));
            } else {
                throw new GengeoException("--augment: '" + t + "' is not cropP (P >= 1 pixels of padding) or flip, or is given twice"
                        + " (e.g. --augment crop4,flip)");
            }
        }
        return new Augmentation(pad, flip);
    }

    /** True when this changes nothing. */
    public boolean isNone() {
        return pad == 0 && !flip;
    }

    /** The spec that {@link #parse} reads back: {@code crop4,flip}, {@code flip}, ..., or {@code none}. */
    public String spec() {
        List<String> items = new ArrayList<>();
        if (pad > 0) {
            items.add("crop" + pad);
        }
        if (flip) {
            items.add("flip");
        }
        return items.isEmpty() ? "none" : String.join(",", items);
    }

    /**
     * Checks that examples of {@code shape} can be augmented: images [C, H, W] (or anything, when this is {@link #NONE}).
     *
     * @throws GengeoException naming the shape otherwise
     */
    public void check(int[] shape) {
        if (!isNone() && shape.length != 3) {
            throw new GengeoException("--augment " + spec() + " needs images [C, H, W], but the examples have shape "
                    + java.util.Arrays.toString(shape));
        }
    }

    /** One example's draw from {@code rng} (see the class comment for the order). */
    public Draw draw(SplittableRandom rng) {
        int dy = pad > 0 ? rng.nextInt(2 * pad + 1) : 0;
        int dx = pad > 0 ? rng.nextInt(2 * pad + 1) : 0;
        return new Draw(dy, dx, flip && rng.nextBoolean());
    }

    /**
     * Writes the augmented image {@code src[from ...]} of shape [C, H, W] to {@code dst[to ...]} for
     * the draw {@code d} (see the class comment for the formula).
     */
    public void apply(double[] src, int from, int[] shape, Draw d, double[] fill, double[] dst, int to) {
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int h = 0; h < height; h++) {
                int i = h + d.dy() - pad;
                for (int w = 0; w < width; w++) {
                    int j = (d.flip() ? width - 1 - w : w) + d.dx() - pad;
                    boolean inside = i >= 0 && i < height && j >= 0 && j < width;
                    dst[to + plane + h * width + w] = inside ? src[from + plane + i * width + j] : fill[c];
                }
            }
        }
    }

    /**
     * A batch of images, row-major [n, C H W], each augmented with its own draw from {@code rng}
     * in batch order.
     *
     * @throws GengeoException if the shape is not [C, H, W] or {@code fill} has not one value per channel
     */
    public double[] apply(double[] batch, int[] shape, double[] fill, SplittableRandom rng) {
        check(shape);
        if (fill.length != shape[0]) {
            throw new IllegalArgumentException(fill.length + " fill values for " + shape[0] + " channels");
        }
        int size = shape[0] * shape[1] * shape[2];
        double[] out = new double[batch.length];
        for (int at = 0; at < batch.length; at += size) {
            apply(batch, at, shape, draw(rng), fill, out, at);
        }
        return out;
    }
}
