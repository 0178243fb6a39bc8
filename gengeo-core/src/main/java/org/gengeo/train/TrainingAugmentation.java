package org.gengeo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.gengeo.core.Seeds;
import org.gengeo.core.data.Augmentation;
import org.gengeo.core.tensor.Batch;

/**
 * A run's {@link Augmentation} of its training minibatches. Minibatch k of step s (k = 0 the loop's
 * minibatch, k &gt;= 1 the extra minibatches some optimisers draw) is augmented with the stream
 * {@code Seeds.random(seed, "augment", s, k)}, so the draws depend only on the seed and the position:
 * a resumed run augments exactly as an uninterrupted one. Evaluation and measures never see it.
 * The images make one round trip to the Java heap (exact: augmentation only moves values and fills
 * padding).
 */
public final class TrainingAugmentation {
    /** No augmentation. */
    public static final TrainingAugmentation NONE = new TrainingAugmentation(Augmentation.NONE, null, null, 0);

    private final Augmentation augmentation;
    private final int[] shape;
    private final double[] fill;
    private final long seed;

    /**
     * Augments images of {@code shape} [C, H, W], padding with {@code fill} (one value per channel,
     * see {@link org.gengeo.core.data.DataSplit#black()}), drawing from streams of {@code seed}.
     */
    public TrainingAugmentation(Augmentation augmentation, int[] shape, double[] fill, long seed) {
        this.augmentation = augmentation;
        this.shape = shape == null ? null : shape.clone();
        this.fill = fill == null ? null : fill.clone();
        this.seed = seed;
    }

    /** Minibatch {@code k} of step {@code step}, augmented (the same batch when augmentation is off). */
    public Batch apply(Batch batch, long step, int k) {
        if (augmentation.isNone()) {
            return batch;
        }
        NDArray x = batch.x();
        DataType type = x.getDataType();
        double[] host = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = augmentation.apply(host, shape, fill, Seeds.random(seed, "augment", step, k));
        NDArray augmented = x.getManager().create(out, x.getShape()).toType(type, false);
        return new Batch(augmented, batch.y());
    }
}
