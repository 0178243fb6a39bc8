package org.gengeo.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gengeo.core.io.TensorData;

/** Batch-norm networks with every parameter and buffer away from its initial value, for tests. */
public final class BatchNormFixtures {
    private BatchNormFixtures() {}

    /** n standard normal values from {@code seed}. */
    public static double[] gaussian(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** Normal values for every parameter and buffer of {@code arch}; running variances 0.5 + N(0,1)^2. */
    public static Map<String, TensorData> randomTensors(Architecture arch, long seed) {
        Map<String, TensorData> t = new LinkedHashMap<>();
        int s = 0;
        for (Network.ParameterShape p : Network.parameterShapes(arch)) {
            t.put(p.name(), TensorData.ofDoubles(p.shape(), gaussian((int) p.size(), seed + s++)));
        }
        for (Network.ParameterShape b : Network.bufferShapes(arch)) {
            double[] v = gaussian((int) b.size(), seed + s++);
            if (b.name().endsWith(BatchNorm.RUNNING_VAR)) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.5 + v[i] * v[i];
                }
            }
            t.put(b.name(), TensorData.ofDoubles(b.shape(), v));
        }
        return t;
    }
}
