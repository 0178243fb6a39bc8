package org.gengeo.bench;

import java.util.Arrays;
import java.util.Locale;
import org.gengeo.core.data.DataConfig;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.duality.Pairs;
import org.gengeo.duality.SameClassNeighbours;

/**
 * Issue 5's pairing benchmark: the nearest same-class training image of each of the 10,000
 * Fashion-MNIST test images among the 60,000 training images, by the blocked search (best of 3),
 * against a plain double loop timed on the first {@code LOOP} test images and scaled to 10,000;
 * the two must agree on those images. Usage: {@code NeighbourBench [THREADS] [LOOP]}.
 */
public final class NeighbourBench {
    private NeighbourBench() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args.length > 0 ? args[0] : "1");
        int loop = Integer.parseInt(args.length > 1 ? args[1] : "200");
        TensorEngine.start(threads);
        DataSplit split = DataSources.load(new DataConfig("fashion-mnist", null, null, null, null, false, 0, false, 0, false, 0));
        Dataset train = split.train();
        Dataset test = split.test();
        int d = train.featureSize();
        double best = Double.POSITIVE_INFINITY;
        Pairs fast = null;
        for (int rep = 0; rep < 3; rep++) {
            long t = System.nanoTime();
            fast = SameClassNeighbours.nearest(test.features(), test.labels(), train.features(), train.labels(), d, 1);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        Dataset head = test.select(java.util.stream.IntStream.range(0, loop).toArray());
        long t = System.nanoTime();
        Pairs slow = SameClassNeighbours.bruteForce(head.features(), head.labels(), train.features(), train.labels(), d);
        double loopS = (System.nanoTime() - t) / 1e9;
        double scaled = loopS * test.size() / loop;
        boolean agree = Arrays.equals(slow.train(), Arrays.copyOf(fast.train(), loop));
        System.out.printf(Locale.ROOT, "nearest same-class neighbours, %d test x %d train images (%d pixels), %d threads%n", test.size(),
                train.size(), d, threads);
        System.out.printf(Locale.ROOT, "  blocked matrix products: %.2f s (best of 3)%n", best);
        System.out.printf(Locale.ROOT, "  double loop: %.2f s for %d test images, %.0f s scaled to %d; ratio %.0fx; same neighbours: %s%n",
                loopS, loop, scaled, test.size(), scaled / best, agree);
    }
}
