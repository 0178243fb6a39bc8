package org.gengeo.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;

/**
 * Loads a data set by name and applies the configured transformations, in this order: load;
 * class subset; training/test size subsets (the first N of a permutation drawn from the seed);
 * binary relabelling; label noise or random labels (training set only); attack points (taken from
 * the training examples the size subset left unused); standardisation (statistics of the final
 * training set, applied to both sets).
 *
 * <p>Names: {@code fashion-mnist}, {@code mnist} (IDX files), {@code fashion-mnist-embedded} (the
 * subset shipped in gengeo: 2,500 training images, 250 per class, and 1,000 test images, 100 per
 * class, the first of each class in the original files' order), {@code cifar10} (binary version),
 * and the synthetic {@code gaussians}, {@code teacher}, {@code spirals} (see {@link SyntheticData}).
 * Fashion-MNIST is looked up in the data directory, then in {@value #DEBIAN_FASHION_MNIST}
 * (Debian's dataset-fashion-mnist; the system property {@code gengeo.fashionMnistDir} overrides
 * this path), then in the embedded subset.
 */
public final class DataSources {
    /** Where Debian's dataset-fashion-mnist package installs the files. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
    /** Default size of each synthetic set. */
    public static final int SYNTHETIC_SIZE = 1000;
    private static final String EMBEDDED = "/org/gengeo/core/data/fashion-mnist-subset/";
    private static final String[] IDX_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final List<String> NAMES = List.of("fashion-mnist", "fashion-mnist-embedded", "mnist", "cifar10",
            "gaussians", "teacher", "spirals");

    private DataSources() {}

    /** The names {@code --data} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /** Loads and transforms the data {@code cfg} describes. */
    public static DataSplit load(DataConfig cfg) {
        Map<String, Object> info = new LinkedHashMap<>();
        Dataset[] pools = raw(cfg, info);
        Dataset train = pools[0];
        Dataset test = pools[1];
        if (cfg.classes() != null) {
            train = DataTransforms.keepClasses(train, cfg.classes());
            test = DataTransforms.keepClasses(test, cfg.classes());
            info.put("classes", cfg.classes());
        }
        Integer wantTrain = cfg.trainSize() == null && SyntheticData.has(cfg.name()) ? Integer.valueOf(SYNTHETIC_SIZE) : cfg.trainSize();
        int[] trainOrder = DataTransforms.permutation(train.size(), cfg.seed(), "train-subset");
        int trainN = size(wantTrain, train.size(), "--train-size", cfg.name());
        Dataset spare = train.select(Arrays.copyOfRange(trainOrder, trainN, trainOrder.length));
        if (wantTrain != null) {
            train = train.select(Arrays.copyOf(trainOrder, trainN));
        }
        if (cfg.testSize() != null) {
            int testN = size(cfg.testSize(), test.size(), "--test-size", cfg.name());
            test = test.select(Arrays.copyOf(DataTransforms.permutation(test.size(), cfg.seed(), "test-subset"), testN));
        }
        if (cfg.binary()) {
            train = DataTransforms.binary(train);
            test = DataTransforms.binary(test);
            spare = DataTransforms.binary(spare);
        }
        if (cfg.randomLabels()) {
            train = DataTransforms.randomLabels(train, cfg.seed());
            info.put("randomLabels", true);
        } else if (cfg.labelNoise() > 0) {
            DataTransforms.Noisy noisy = DataTransforms.labelNoise(train, cfg.labelNoise(), cfg.seed());
            train = noisy.data();
            info.put("corruptedIndices", noisy.corrupted());
        }
        if (cfg.attack() > 0) {
            if (cfg.attack() > spare.size()) {
                throw new GengeoException("--attack " + cfg.attack() + " needs that many unused training examples but only "
                        + spare.size() + " are left (lower --train-size)");
            }
            int first = train.size();
            train = DataTransforms.attack(train, spare.select(java.util.stream.IntStream.range(0, cfg.attack()).toArray()), cfg.seed());
            info.put("attackIndices", java.util.stream.IntStream.range(first, train.size()).toArray());
        }
        if (cfg.standardize()) {
            DataTransforms.Standardization s = DataTransforms.statistics(train);
            train = DataTransforms.standardize(train, s);
            test = DataTransforms.standardize(test, s);
            info.put("standardization", s);
        }
        info.put("trainSize", train.size());
        info.put("testSize", test.size());
        info.put("trainHash", train.contentHash());
        info.put("testHash", test.contentHash());
        return new DataSplit(train, test, info);
    }

    private static int size(Integer wanted, int available, String flag, String name) {
        if (wanted == null) {
            return available;
        }
        if (wanted < 1 || wanted > available) {
            throw new GengeoException(flag + " " + wanted + " is outside 1.." + available + " (the examples '" + name + "' has)");
        }
        return wanted;
    }

    /** The full train and test pools before any transformation. */
    private static Dataset[] raw(DataConfig cfg, Map<String, Object> info) {
        String name = cfg.name();
        if (SyntheticData.has(name)) {
            int trainN = cfg.trainSize() != null ? cfg.trainSize() : SYNTHETIC_SIZE;
            int testN = cfg.testSize() != null ? cfg.testSize() : SYNTHETIC_SIZE;
            if (trainN < 1 || testN < 1) {
                throw new GengeoException("--train-size and --test-size must be at least 1");
            }
            info.put("source", "synthetic");
            // generate one spare block beyond the training size so --attack has unused examples to draw on
            Dataset train = SyntheticData.generate(name, trainN + Math.max(0, cfg.attack()), cfg.seed(), "train");
            return new Dataset[] {train, SyntheticData.generate(name, testN, cfg.seed(), "test")};
        }
        switch (name) {
            case "fashion-mnist": return idx(name, fashionMnistDir(cfg.dataDir()), info);
            case "fashion-mnist-embedded": return embedded(info);
            case "mnist":
                if (cfg.dataDir() == null) {
                    throw new GengeoException("--data mnist needs --data-dir pointing at the four MNIST IDX files");
                }
                return idx(name, cfg.dataDir(), info);
            case "cifar10": return cifar(cfg.dataDir(), info);
            default:
                throw new GengeoException("unknown data set '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
    }

    private static Path fashionMnistDir(Path dataDir) {
        if (dataDir != null) {
            return dataDir;
        }
        Path system = Path.of(System.getProperty("gengeo.fashionMnistDir", DEBIAN_FASHION_MNIST));
        return find(system, IDX_FILES[0]) != null ? system : null;
    }

    private static Dataset[] idx(String name, Path dir, Map<String, Object> info) {
        if (dir == null) {
            return embedded(info);
        }
        if (!Files.isDirectory(dir)) {
            throw new GengeoException(dir + ": data directory not found");
        }
        RawFile[] files = new RawFile[4];
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            Path p = find(dir, IDX_FILES[i]);
            if (p == null) {
                throw new GengeoException(dir + ": missing " + IDX_FILES[i] + " (or " + IDX_FILES[i] + ".gz)");
            }
            files[i] = RawFile.of(p);
            hashes.put(p.getFileName().toString(), files[i].sha256());
        }
        info.put("source", dir.toString());
        info.put("rawHashes", hashes);
        return new Dataset[] {IdxReader.images(name, files[0], files[1]), IdxReader.images(name, files[2], files[3])};
    }

    private static Path find(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Dataset[] embedded(Map<String, Object> info) {
        RawFile[] files = new RawFile[4];
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            files[i] = RawFile.resource(EMBEDDED + IDX_FILES[i] + ".gz");
            hashes.put(IDX_FILES[i] + ".gz", files[i].sha256());
        }
        info.put("source", "embedded");
        info.put("rawHashes", hashes);
        return new Dataset[] {IdxReader.images("fashion-mnist", files[0], files[1]), IdxReader.images("fashion-mnist", files[2], files[3])};
    }

    private static Dataset[] cifar(Path dir, Map<String, Object> info) {
        if (dir == null) {
            throw new GengeoException("--data cifar10 needs --data-dir pointing at CIFAR-10's binary version (data_batch_1.bin ... test_batch.bin)");
        }
        Path base = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        List<RawFile> train = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int b = 1; b <= 5; b++) {
            train.add(cifarFile(base, "data_batch_" + b + ".bin", hashes));
        }
        RawFile test = cifarFile(base, "test_batch.bin", hashes);
        info.put("source", base.toString());
        info.put("rawHashes", hashes);
        return new Dataset[] {Cifar10Reader.read("cifar10", train), Cifar10Reader.read("cifar10", List.of(test))};
    }

    private static RawFile cifarFile(Path base, String name, Map<String, String> hashes) {
        Path p = base.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new GengeoException(base + ": missing " + name);
        }
        RawFile f = RawFile.of(p);
        hashes.put(name, f.sha256());
        return f;
    }
}
