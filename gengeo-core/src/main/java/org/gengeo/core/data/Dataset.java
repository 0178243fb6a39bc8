package org.gengeo.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An in-memory data set: features row-major float32, {@code size() x featureSize()}, each example
 * laid out as {@code sampleShape} ([C, H, W] for images, pixels already divided by 255), and integer
 * labels in [0, numClasses). The arrays are shared, not copied: treat them as read-only (every
 * transformation in this package returns a new set).
 *
 * @throws IllegalArgumentException if the arrays do not fit together (a programming error, not bad input)
 */
public record Dataset(String name, int[] sampleShape, float[] features, int[] labels, int numClasses) {
    /** Checks that features, shape, labels and class count are consistent. */
    public Dataset {
        long perExample = 1;
        for (int d : sampleShape) {
            if (d < 1) {
                throw new IllegalArgumentException("sample shape " + Arrays.toString(sampleShape) + " has a non-positive size");
            }
            perExample *= d;
        }
        if (perExample * labels.length != features.length) {
            throw new IllegalArgumentException(features.length + " feature values do not make " + labels.length
                    + " examples of shape " + Arrays.toString(sampleShape));
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses " + numClasses + " < 1");
        }
        for (int y : labels) {
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("label " + y + " is outside 0.." + (numClasses - 1));
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Features per example, the product of the sample shape. */
    public int featureSize() {
        int n = 1;
        for (int d : sampleShape) {
            n *= d;
        }
        return n;
    }

    /** A copy holding the examples at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        int d = featureSize();
        float[] f = new float[indices.length * d];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * d, f, i * d, d);
            y[i] = labels[indices[i]];
        }
        return new Dataset(name, sampleShape, f, y, numClasses);
    }

    /** The same features with other labels. */
    public Dataset withLabels(int[] newLabels, int classes) {
        return new Dataset(name, sampleShape, features, newLabels, classes);
    }

    /**
     * SHA-256 (hex) over the sample shape, the number of classes, the features (little-endian
     * float32 bits) and the labels: equal hashes mean the model saw the same data.
     */
    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer head = ByteBuffer.allocate(4 * (sampleShape.length + 2)).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(sampleShape.length);
            for (int s : sampleShape) {
                head.putInt(s);
            }
            head.putInt(numClasses);
            md.update(head.array());
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : features) {
                if (chunk.remaining() < 4) {
                    md.update(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putFloat(v);
            }
            for (int v : labels) {
                if (chunk.remaining() < 4) {
                    md.update(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putInt(v);
            }
            md.update(chunk.array(), 0, chunk.position());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
