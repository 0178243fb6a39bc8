package org.gengeo.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gengeo.core.GengeoException;

/**
 * The {@code mlp:} and {@code cnn:} spec families: a chain of dense (and convolutional and pooling)
 * layers, see {@link Architecture} for the grammar. Dense layer k is {@code fc{k}}, convolution k
 * {@code conv{k}}, the batch norm after layer L (with {@code :bn}) {@code L_bn}.
 */
final class ChainSpecs {
    private static final Pattern CONV = Pattern.compile("c(\\d+)k(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern POOL = Pattern.compile("m(\\d+)");
    private static final Pattern WIDTH = Pattern.compile("\\d+");
    private static final String BATCH_NORM = ":bn";

    private ChainSpecs() {}

    /** True for a spec this family reads. */
    static boolean accepts(String body) {
        return body.startsWith("mlp:") || body.startsWith("cnn:");
    }

    static Architecture parse(String spec) {
        String body = spec;
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
        if (!accepts(body)) {
            throw new GengeoException("model spec '" + spec + "' has options but no layers (expected e.g. mlp:784-100-10:bn)");
        }
        return body.startsWith("mlp:") ? parseMlp(spec, body.substring(4), bias, batchNorm)
                : parseCnn(spec, body.substring(4), bias, batchNorm);
    }

    private static Architecture parseMlp(String spec, String body, boolean bias, boolean batchNorm) {
        String[] parts = body.split("-", -1);
        if (parts.length < 2) {
            throw new GengeoException("model spec '" + spec + "' needs an input size and at least one layer, e.g. mlp:784-10");
        }
        int in = SpecOptions.size(spec, parts[0]);
        Chain chain = new Chain(bias, batchNorm);
        for (int i = 1; i < parts.length; i++) {
            int out = SpecOptions.size(spec, parts[i]);
            chain.dense(in, out, i == parts.length - 1);
            in = out;
        }
        return new Architecture(spec, new int[] {SpecOptions.size(spec, parts[0])}, chain.layers);
    }

    private static Architecture parseCnn(String spec, String body, boolean bias, boolean batchNorm) {
        String[] parts = body.split("-", -1);
        String[] dims = parts[0].split("x", -1);
        if (dims.length != 3 || parts.length < 2) {
            throw new GengeoException("model spec '" + spec + "' must start with the input shape CxHxW, e.g. cnn:1x28x28-c16k5-m2-10");
        }
        int c = SpecOptions.size(spec, dims[0]);
        int h = SpecOptions.size(spec, dims[1]);
        int w = SpecOptions.size(spec, dims[2]);
        int[] input = {c, h, w};
        Chain chain = new Chain(bias, batchNorm);
        int flat = -1;
        for (int i = 1; i < parts.length; i++) {
            String token = parts[i];
            Matcher conv = CONV.matcher(token);
            Matcher pool = POOL.matcher(token);
            if (flat < 0 && conv.matches()) {
                int out = SpecOptions.size(spec, conv.group(1));
                int k = SpecOptions.size(spec, conv.group(2));
                int s = conv.group(3) == null ? 1 : SpecOptions.size(spec, conv.group(3));
                int p = conv.group(4) == null || conv.group(4).matches("0+") ? 0 : SpecOptions.size(spec, conv.group(4));
                if (h + 2 * p < k || w + 2 * p < k) {
                    throw new GengeoException("model spec '" + spec + "': layer '" + token + "' has a " + k
                            + "x" + k + " kernel larger than its " + h + "x" + w + " input");
                }
                chain.conv(c, out, k, s, p);
                c = out;
                h = (h + 2 * p - k) / s + 1;
                w = (w + 2 * p - k) / s + 1;
            } else if (flat < 0 && pool.matches()) {
                int k = SpecOptions.size(spec, pool.group(1));
                if (h / k < 1 || w / k < 1) {
                    throw new GengeoException("model spec '" + spec + "': pooling '" + token + "' is larger than its " + h + "x" + w + " input");
                }
                chain.layers.add(new LayerSpec.MaxPool(k, k, 0));
                h /= k;
                w /= k;
            } else if (WIDTH.matcher(token).matches()) {
                if (flat < 0) {
                    chain.layers.add(new LayerSpec.Flatten());
                    flat = Math.multiplyExact(Math.multiplyExact(c, h), w);
                }
                int out = SpecOptions.size(spec, token);
                chain.dense(flat, out, i == parts.length - 1);
                flat = out;
            } else {
                throw new GengeoException("model spec '" + spec + "': cannot read layer '" + token
                        + "' (expected cOUTkK[sS][pP], mK, or a width" + (flat >= 0 ? " after the first dense layer" : "") + ")");
            }
        }
        if (flat < 0) {
            throw new GengeoException("model spec '" + spec + "' must end with a dense layer (a width)");
        }
        return new Architecture(spec, input, chain.layers);
    }

    /**
     * Builds the layer list: each convolution is followed by [its batch norm and] the activation, each
     * dense layer but the last by [its batch norm,] the activation and dropout.
     */
    private static final class Chain {
        final List<LayerSpec> layers = new ArrayList<>();
        private final boolean bias;
        private final boolean batchNorm;
        private int convs;
        private int denses;

        Chain(boolean bias, boolean batchNorm) {
            this.bias = bias;
            this.batchNorm = batchNorm;
        }

        void conv(int in, int out, int k, int s, int p) {
            String name = "conv" + convs++;
            layers.add(new LayerSpec.Conv(name, in, out, k, s, p, bias));
            if (batchNorm) {
                layers.add(new LayerSpec.BatchNorm(name + "_bn", out));
            }
            layers.add(new LayerSpec.Nonlinearity());
        }

        void dense(int in, int out, boolean last) {
            String name = "fc" + denses++;
            layers.add(new LayerSpec.Dense(name, in, out, bias));
            if (last) {
                return;
            }
            if (batchNorm) {
                layers.add(new LayerSpec.BatchNorm(name + "_bn", out));
            }
            layers.add(new LayerSpec.Nonlinearity());
            layers.add(new LayerSpec.Dropout());
        }
    }
}
