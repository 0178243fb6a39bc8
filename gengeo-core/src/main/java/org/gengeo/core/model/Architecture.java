package org.gengeo.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gengeo.core.GengeoException;

/**
 * A network architecture parsed from its short spec string, the form stored in every model file
 * so that any saved model can be rebuilt.
 *
 * <p>Grammar:
 * <pre>
 *   spec    := (mlp | cnn) [":nobias"] [":bn"]     (the two options in either order)
 *   mlp     := "mlp:" IN ("-" WIDTH)+                 e.g. mlp:784-100-10
 *   cnn     := "cnn:" C "x" H "x" W ("-" layer)+      e.g. cnn:1x28x28-c16k5p2-m2-c32k5p2-m2-100-10
 *   layer   := "c" OUT "k" K ["s" S] ["p" P]   convolution (stride S, default 1; zero padding P, default 0)
 *            | "m" K                            max-pool K x K with stride K
 *            | WIDTH                            dense layer; a flatten precedes the first one
 * </pre>
 * Every convolution and every dense layer but the last is followed by the activation (and, for
 * dense layers, by dropout when training with it). The last layer must be dense; its width is the
 * number of outputs (1 means a binary model trained with the logistic loss). {@code :nobias}
 * removes every bias. {@code :bn} puts a batch normalisation ({@link LayerSpec.BatchNorm}) after
 * every convolution and every dense layer but the last, before its activation (Ioffe and Szegedy
 * 2015), e.g. {@code mlp:784-100-100-10:bn}.
 */
public record Architecture(String spec, int[] inputShape, List<LayerSpec> layers, boolean bias) {
    private static final Pattern CONV = Pattern.compile("c(\\d+)k(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern POOL = Pattern.compile("m(\\d+)");
    private static final Pattern WIDTH = Pattern.compile("\\d+");
    private static final int MAX_WIDTH = 1 << 20;
    private static final String BATCH_NORM = ":bn";

    /** Parses a spec string; a malformed one is a {@link GengeoException} naming the bad part. */
    public static Architecture parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new GengeoException("empty model spec (expected e.g. mlp:784-100-10)");
        }
        String body = spec.trim();
        boolean bias = true;
        boolean batchNorm = false;
        while (body.endsWith(":nobias") && bias || body.endsWith(BATCH_NORM) && !batchNorm) {
            if (body.endsWith(BATCH_NORM)) {
                batchNorm = true;
                body = body.substring(0, body.length() - BATCH_NORM.length());
            } else {
                bias = false;
                body = body.substring(0, body.length() - ":nobias".length());
            }
        }
        if (body.startsWith("mlp:")) {
            Architecture a = parseMlp(spec.trim(), body.substring(4), bias);
            return batchNorm ? a.withBatchNorm() : a;
        }
        if (body.startsWith("cnn:")) {
            Architecture a = parseCnn(spec.trim(), body.substring(4), bias);
            return batchNorm ? a.withBatchNorm() : a;
        }
        throw new GengeoException("model spec '" + spec + "' must start with mlp: or cnn:");
    }

    private static Architecture parseMlp(String spec, String body, boolean bias) {
        String[] parts = body.split("-", -1);
        if (parts.length < 2) {
            throw new GengeoException("model spec '" + spec + "' needs an input size and at least one layer, e.g. mlp:784-10");
        }
        int in = width(spec, parts[0]);
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            int out = width(spec, parts[i]);
            layers.add(new LayerSpec.Dense(i - 1, in, out));
            in = out;
        }
        return new Architecture(spec, new int[] {width(spec, parts[0])}, List.copyOf(layers), bias);
    }

    private static Architecture parseCnn(String spec, String body, boolean bias) {
        String[] parts = body.split("-", -1);
        String[] dims = parts[0].split("x", -1);
        if (dims.length != 3 || parts.length < 2) {
            throw new GengeoException("model spec '" + spec + "' must start with the input shape CxHxW, e.g. cnn:1x28x28-c16k5-m2-10");
        }
        int c = width(spec, dims[0]);
        int h = width(spec, dims[1]);
        int w = width(spec, dims[2]);
        int[] input = {c, h, w};
        List<LayerSpec> layers = new ArrayList<>();
        int convs = 0;
        int denses = 0;
        int flat = -1;
        for (int i = 1; i < parts.length; i++) {
            String token = parts[i];
            Matcher conv = CONV.matcher(token);
            Matcher pool = POOL.matcher(token);
            if (flat < 0 && conv.matches()) {
                int out = width(spec, conv.group(1));
                int k = width(spec, conv.group(2));
                int s = conv.group(3) == null ? 1 : width(spec, conv.group(3));
                int p = conv.group(4) == null || conv.group(4).matches("0+") ? 0 : width(spec, conv.group(4));
                int nh = (h + 2 * p - k) / s + 1;
                int nw = (w + 2 * p - k) / s + 1;
                if (h + 2 * p < k || w + 2 * p < k) {
                    throw new GengeoException("model spec '" + spec + "': layer '" + token + "' has a " + k
                            + "x" + k + " kernel larger than its " + h + "x" + w + " input");
                }
                layers.add(new LayerSpec.Conv(convs++, c, out, k, s, p));
                c = out;
                h = nh;
                w = nw;
            } else if (flat < 0 && pool.matches()) {
                int k = width(spec, pool.group(1));
                if (h / k < 1 || w / k < 1) {
                    throw new GengeoException("model spec '" + spec + "': pooling '" + token + "' is larger than its " + h + "x" + w + " input");
                }
                layers.add(new LayerSpec.MaxPool(k));
                h /= k;
                w /= k;
            } else if (WIDTH.matcher(token).matches()) {
                if (flat < 0) {
                    layers.add(new LayerSpec.Flatten());
                    flat = Math.multiplyExact(Math.multiplyExact(c, h), w);
                }
                int out = width(spec, token);
                layers.add(new LayerSpec.Dense(denses++, flat, out));
                flat = out;
            } else {
                throw new GengeoException("model spec '" + spec + "': cannot read layer '" + token
                        + "' (expected cOUTkK[sS][pP], mK, or a width" + (flat >= 0 ? " after the first dense layer" : "") + ")");
            }
        }
        if (flat < 0) {
            throw new GengeoException("model spec '" + spec + "' must end with a dense layer (a width)");
        }
        return new Architecture(spec, input, List.copyOf(layers), bias);
    }

    /** The same layers with a batch normalisation after every convolution and every dense layer but the last. */
    private Architecture withBatchNorm() {
        List<LayerSpec> out = new ArrayList<>();
        LayerSpec last = layers.get(layers.size() - 1);
        for (LayerSpec l : layers) {
            out.add(l);
            if (l instanceof LayerSpec.Conv c) {
                out.add(new LayerSpec.BatchNorm("conv" + c.index(), c.out()));
            } else if (l instanceof LayerSpec.Dense d && l != last) {
                out.add(new LayerSpec.BatchNorm("fc" + d.index(), d.out()));
            }
        }
        return new Architecture(spec, inputShape, List.copyOf(out), bias);
    }

    private static int width(String spec, String token) {
        if (!WIDTH.matcher(token).matches()) {
            throw new GengeoException("model spec '" + spec + "': '" + token + "' is not a positive integer");
        }
        int v;
        try {
            v = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1 || v > MAX_WIDTH) {
            throw new GengeoException("model spec '" + spec + "': size '" + token + "' must be between 1 and " + MAX_WIDTH);
        }
        return v;
    }

    /** Number of input features, the product of the input shape. */
    public int inputSize() {
        int n = 1;
        for (int d : inputShape) {
            n *= d;
        }
        return n;
    }

    /** Width of the last dense layer: the number of outputs. */
    public int outputs() {
        return ((LayerSpec.Dense) layers.get(layers.size() - 1)).out();
    }

    /** The dense layers in order. */
    public List<LayerSpec.Dense> denseLayers() {
        List<LayerSpec.Dense> out = new ArrayList<>();
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Dense d) {
                out.add(d);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** True when the spec has batch normalisation ({@code :bn}). */
    public boolean batchNorm() {
        return layers.stream().anyMatch(l -> l instanceof LayerSpec.BatchNorm);
    }

    /** True for a spec with convolutions (input kept as [C, H, W]). */
    public boolean convolutional() {
        return inputShape.length == 3;
    }
}
